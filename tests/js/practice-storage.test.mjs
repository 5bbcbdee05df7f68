import { test } from "node:test"
import assert from "node:assert/strict"
import { emptyProgress, KEY, loadProgress, mergeProgress, parseProgress, reconcile, saveProgress, serialize } from "../../web/practice/storage.js"

const entry = (t, box = 2, h = "aaaa") => ({ h, box, due: t + 86400000, last: 3, n: 1, t })

function memoryStorage(initial = {}) {
  const data = { ...initial }
  return {
    data,
    getItem: key => (key in data ? data[key] : null),
    setItem: (key, value) => { data[key] = String(value) },
    removeItem: key => { delete data[key] },
  }
}

test("round trip: serialize then parse gives the same progress", () => {
  const progress = emptyProgress()
  progress.cards.qb = entry(2000)
  progress.cards.qa = entry(1000, 5, "bbbb")
  const parsed = parseProgress(serialize(progress))
  assert.equal(parsed.error, null)
  assert.deepEqual(parsed.progress, progress)
})

test("damaged or foreign values are ignored with a message, never thrown", () => {
  const cases = [
    ["{not json", /JSON/],
    ["[1,2,3]", /不是本站/],
    ["42", /不是本站/],
    ["null", /不是本站/],
    [JSON.stringify({ format: "something-else", version: 1, cards: {} }), /不是本站/],
    [JSON.stringify({ format: "kb-practice-progress", version: 2, cards: {} }), /版本/],
    [JSON.stringify({ format: "kb-practice-progress", version: 1, cards: [] }), /缺少/],
  ]
  for (const [text, message] of cases) {
    const result = parseProgress(text)
    assert.match(result.error, message, text)
    assert.deepEqual(result.progress.cards, {})
  }
  assert.equal(parseProgress(null).error, null)
  assert.equal(parseProgress("").error, null)
})

test("invalid entries are skipped one by one, valid ones kept", () => {
  const text = JSON.stringify({
    format: "kb-practice-progress", version: 1,
    cards: { good: entry(5), badbox: { ...entry(5), box: 9 }, nohash: { ...entry(5), h: "" }, str: "x", neg: { ...entry(5), due: -1 } },
  })
  const result = parseProgress(text)
  assert.equal(result.error, null)
  assert.deepEqual(Object.keys(result.progress.cards), ["good"])
  assert.equal(result.skipped, 4)
})

test("loadProgress: a damaged stored value gives a message and is kept aside; storage errors do not throw", () => {
  const storage = memoryStorage({ [KEY]: "{broken" })
  const result = loadProgress(storage)
  assert.match(result.error, /无法读取/)
  assert.equal(storage.data[KEY + ".damaged"], "{broken")
  const refusing = { getItem() { throw new Error("SecurityError") }, setItem() { throw new Error("no") } }
  assert.match(loadProgress(refusing).error, /不允许/)
  assert.equal(saveProgress(refusing, emptyProgress()), false)
  const ok = memoryStorage()
  const progress = emptyProgress()
  progress.cards.q1 = entry(1)
  assert.equal(saveProgress(ok, progress), true)
  assert.deepEqual(loadProgress(ok).progress, progress)
})

test("merge on import: per card the more recent review wins, ties keep the local one, nothing is lost", () => {
  const local = emptyProgress()
  const incoming = emptyProgress()
  local.cards.a = entry(100, 2)
  local.cards.b = entry(300, 3)
  local.cards.c = entry(500, 4)
  incoming.cards.a = entry(200, 5)  // newer: wins
  incoming.cards.b = entry(250, 1)  // older: loses
  incoming.cards.c = { ...entry(500, 1) }  // tie: local kept
  incoming.cards.d = entry(50, 1)   // only there: added
  const merged = mergeProgress(local, incoming)
  assert.deepEqual(Object.fromEntries(Object.entries(merged.cards).map(([k, v]) => [k, v.box])), { a: 5, b: 3, c: 4, d: 1 })
})

test("merge properties: idempotent, keeps every id, the result's entry is the newest of the two", () => {
  let seed = 11
  const random = n => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
  for (let run = 0; run < 300; run++) {
    const a = emptyProgress()
    const b = emptyProgress()
    for (let i = 0; i < 8; i++) {
      if (random(2)) a.cards["q" + random(10)] = entry(random(1000), 1 + random(5))
      if (random(2)) b.cards["q" + random(10)] = entry(random(1000), 1 + random(5))
    }
    const m = mergeProgress(a, b)
    assert.deepEqual(mergeProgress(m, b), m)
    assert.deepEqual(mergeProgress(m, a), m)
    assert.deepEqual(new Set(Object.keys(m.cards)), new Set([...Object.keys(a.cards), ...Object.keys(b.cards)]))
    for (const [id, e] of Object.entries(m.cards)) {
      const times = [a.cards[id], b.cards[id]].filter(Boolean).map(x => x.t)
      assert.equal(e.t, Math.max(...times))
    }
  }
})

test("reconcile: progress of a reworded question (digest changed) is dropped; unknown cards are kept", () => {
  const progress = emptyProgress()
  progress.cards.same = entry(1, 2, "1111")
  progress.cards.changed = entry(1, 2, "2222")
  progress.cards.gone = entry(1, 2, "3333")
  const deck = new Map([["same", "1111"], ["changed", "9999"]])
  const { progress: out, dropped } = reconcile(progress, deck)
  assert.deepEqual(dropped, ["changed"])
  assert.deepEqual(Object.keys(out.cards).sort(), ["gone", "same"])
})
