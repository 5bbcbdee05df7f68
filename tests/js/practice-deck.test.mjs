import { test } from "node:test"
import assert from "node:assert/strict"
import { buildQueue, countDue, countStates, parseCardList, selectCards } from "../../web/practice/deck.js"
import { keyAction } from "../../web/practice/keyboard.js"
import { AGAIN, FUZZY, KNOWN, review } from "../../web/practice/scheduler.js"
import { Session } from "../../web/practice/session.js"
import { emptyProgress } from "../../web/practice/storage.js"

const NOW = new Date(2026, 10, 30, 12, 0).getTime()
const DAY = 86400000
const card = (id, c = "docker", tags = []) => ({ id, h: "h" + id, c, tags, q: id, qt: id, a: "", page: "", url: "" })

test("queue: due cards first (most overdue first), then new cards in deck order; not-due cards wait", () => {
  const cards = ["n1", "d-late", "w", "n2", "d-early", "changed"].map(id => card(id))
  const progress = emptyProgress()
  progress.cards["d-late"] = { ...review(null, KNOWN, "hd-late", NOW - 5 * DAY) }  // due 4 days ago
  progress.cards["d-early"] = { ...review(null, AGAIN, "hd-early", NOW - 6 * DAY) } // due 6 days ago
  progress.cards.w = review(null, KNOWN, "hw", NOW)                                  // due tomorrow
  progress.cards.changed = review(null, AGAIN, "old-digest", NOW - 9 * DAY)          // another text: new
  assert.deepEqual(buildQueue(cards, progress, NOW).map(c => c.id), ["d-early", "d-late", "n1", "n2", "changed"])
  assert.deepEqual(buildQueue(cards, progress, NOW, { limit: 3 }).map(c => c.id), ["d-early", "d-late", "n1"])
  assert.deepEqual(buildQueue(cards, progress, NOW, { everything: true }).map(c => c.id),
    ["d-early", "d-late", "w", "n1", "n2", "changed"])
  assert.deepEqual(countStates(cards, progress), { new: 3, learning: 3, mastered: 0 })
  assert.equal(countDue(cards, progress, NOW), 2)
})

test("selection: categories and tags (none chosen = all), 只练错题", () => {
  const cards = [card("a", "docker", ["Linux"]), card("b", "kubernetes", ["Pod"]), card("c", "docker", []), card("d", "linux", ["Linux", "Shell"])]
  const progress = emptyProgress()
  progress.cards.a = review(null, AGAIN, "ha", NOW)
  progress.cards.b = review(null, FUZZY, "hb", NOW)
  progress.cards.d = review(null, AGAIN, "stale", NOW)
  const ids = choice => selectCards(cards, choice, progress).map(c => c.id)
  assert.deepEqual(ids({}), ["a", "b", "c", "d"])
  assert.deepEqual(ids({ categories: ["docker"] }), ["a", "c"])
  assert.deepEqual(ids({ categories: ["docker", "linux"], tags: ["Linux"] }), ["a", "d"])
  assert.deepEqual(ids({ tags: ["Pod", "Shell"] }), ["b", "d"])
  assert.deepEqual(ids({ wrongOnly: true }), ["a"])  // d's progress belongs to another text
})

test("session: grade moves on, k goes back, grading again replaces the first grade", () => {
  const cards = [card("a"), card("b"), card("c")]
  const progress = emptyProgress()
  const session = new Session(cards, progress)
  assert.equal(session.grade(KNOWN, NOW), false, "no grading before the answer is shown")
  session.reveal()
  session.grade(KNOWN, NOW)
  assert.equal(progress.cards.a.box, 2)
  assert.equal(session.card.id, "b")
  session.prev()
  assert.equal(session.card.id, "a")
  assert.ok(session.revealed, "a graded card comes back with its answer shown")
  session.grade(AGAIN, NOW)
  assert.equal(progress.cards.a.box, 1)
  assert.equal(progress.cards.a.n, 1, "replaced, not counted twice")
  session.next()  // skip b
  session.reveal()
  session.grade(FUZZY, NOW)
  assert.ok(session.done)
  const summary = session.summary()
  assert.deepEqual(summary.counts, { 1: 1, 2: 1, 3: 0 })
  assert.equal(summary.graded, 2)
  assert.deepEqual(summary.again.map(c => c.id), ["a"])
})

test("keyboard: space reveals, 1/2/3 grade, j/k move; not while typing or with modifiers", () => {
  const div = { tagName: "DIV" }
  const key = (k, target = div, extra = {}) => keyAction({ key: k, target, ...extra })
  assert.deepEqual([" ", "1", "2", "3", "j", "k", "x"].map(k => key(k)), ["reveal", "grade1", "grade2", "grade3", "next", "prev", null])
  assert.equal(key("j", { tagName: "INPUT", type: "text" }), null)
  assert.equal(key("1", { tagName: "TEXTAREA" }), null)
  assert.equal(key("k", { tagName: "DIV", isContentEditable: true }), null)
  assert.equal(key("j", { tagName: "INPUT", type: "checkbox" }), "next")
  assert.equal(key(" ", { tagName: "BUTTON" }), null, "space clicks a focused button itself")
  assert.equal(key("1", { tagName: "BUTTON" }), "grade1")
  assert.equal(key("j", div, { ctrlKey: true }), null)
})

test("card lists in progress tables", () => {
  assert.deepEqual(parseCardList(" qa:1234  my-id:abcd "), [{ id: "qa", h: "1234" }, { id: "my-id", h: "abcd" }])
  assert.deepEqual(parseCardList(""), [])
})
