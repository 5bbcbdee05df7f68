import assert from "node:assert/strict"
import { test } from "node:test"

import { closedDetails, isQuestion, keepPinnedHash, targetId } from "../../web/ui/anchors.js"

test("targetId decodes the percent-encoded hash Material leaves undecoded", () => {
  const cases = [
    ["", ""],
    ["#", ""],
    ["#q-%E4%B8%BA%E4%BB%80%E4%B9%88", "q-为什么"],
    ["#q-为什么", "q-为什么"],
    ["#backlinks", "backlinks"],
    ["#100%", "100%"], // not an escape: kept as written
    ["q-x", "q-x"],
  ]
  for (const [hash, id] of cases) assert.equal(targetId(hash), id, hash)
})

function node(tagName, open, parent, classes = []) {
  return { tagName, open, parentElement: parent, classList: { contains: (c) => classes.includes(c) } }
}

test("closedDetails lists the closed blocks around a target, outermost first", () => {
  const body = node("BODY", undefined, null)
  const outer = node("DETAILS", false, body, ["note"])
  const openMiddle = node("DETAILS", true, outer)
  const question = node("DETAILS", false, openMiddle, ["question"])
  const inner = node("P", undefined, question)
  assert.deepEqual(closedDetails(inner), [outer, question])
  assert.deepEqual(closedDetails(question), [outer, question])
  assert.deepEqual(closedDetails(body), [])
  const correction = node("DETAILS", false, body, ["note"])
  assert.deepEqual(closedDetails(correction), []) // a linked 勘误 block stays collapsed
  assert.deepEqual(closedDetails(node("SPAN", undefined, correction)), [correction])
  assert.ok(isQuestion(question))
  assert.ok(!isQuestion(outer))
  assert.ok(!isQuestion(inner))
  assert.ok(!isQuestion(null))
})

test("keepPinnedHash keeps the question's hash against same-page hash rewrites only", () => {
  const pinned = "http://127.0.0.1:8000/docker/a/#q-%E4%B8%BA"
  const cases = [
    ["http://127.0.0.1:8000/docker/a/#backlinks", pinned], // navigation.tracking on scroll
    ["http://127.0.0.1:8000/docker/a/", pinned], // tracking at the top clears the hash
    ["#backlinks", pinned], // relative, as history.replaceState allows
    [pinned, null], // nothing to change
    ["http://127.0.0.1:8000/docker/b/#x", null], // another page: not ours to touch
    ["http://127.0.0.1:8000/docker/a/?q=1#x", null],
    ["http://example.org/docker/a/#x", null],
  ]
  for (const [next, expected] of cases) assert.equal(keepPinnedHash(pinned, next), expected, next)
  assert.equal(keepPinnedHash(null, "http://127.0.0.1/#x"), null)
  assert.equal(keepPinnedHash(pinned, null), null)
})
