import { test } from "node:test"
import assert from "node:assert/strict"
import { addDays, AGAIN, daysUntil, FUZZY, INTERVALS, isDue, isWrong, KNOWN, nextBox, review, stateOf } from "../../web/practice/scheduler.js"

const NOW = new Date(2026, 10, 30, 15, 30).getTime()  // local time, mid-afternoon

test("Leitner table: 不会 -> box 1, 模糊 stays (new -> 1), 会 -> next box (max 5)", () => {
  const table = [
    // box before (0 = new), grade, box after
    [0, AGAIN, 1], [0, FUZZY, 1], [0, KNOWN, 2],
    [1, AGAIN, 1], [1, FUZZY, 1], [1, KNOWN, 2],
    [2, AGAIN, 1], [2, FUZZY, 2], [2, KNOWN, 3],
    [3, AGAIN, 1], [3, FUZZY, 3], [3, KNOWN, 4],
    [4, AGAIN, 1], [4, FUZZY, 4], [4, KNOWN, 5],
    [5, AGAIN, 1], [5, FUZZY, 5], [5, KNOWN, 5],
  ]
  for (const [box, grade, after] of table)
    assert.equal(nextBox(box, grade), after, `box ${box} grade ${grade}`)
})

test("due dates: box 1 today, then 1, 3, 7, 21 calendar days after the review day", () => {
  assert.deepEqual(INTERVALS, [0, 1, 3, 7, 21])
  let entry = null
  const boxes = []
  for (let i = 0; i < 5; i++) {
    entry = review(entry, KNOWN, "d", NOW)
    boxes.push([entry.box, daysUntil(entry, NOW), entry.due === addDays(NOW, INTERVALS[entry.box - 1])])
  }
  assert.deepEqual(boxes, [[2, 1, true], [3, 3, true], [4, 7, true], [5, 21, true], [5, 21, true]])
  const again = review(entry, AGAIN, "d", NOW)
  assert.equal(again.box, 1)
  assert.ok(isDue(again, NOW), "a card graded 不会 is due again today")
  assert.equal(new Date(again.due).getHours(), 0, "due at the start of a day")
  assert.equal(again.n, 6)
  assert.equal(again.last, AGAIN)
  assert.equal(again.t, NOW)
})

test("states: new, learning, mastered (box 5); wrong = last grade 不会", () => {
  assert.equal(stateOf(null), "new")
  assert.equal(stateOf(review(null, KNOWN, "d", NOW)), "learning")
  assert.equal(stateOf({ box: 5 }), "mastered")
  assert.ok(isWrong(review(null, AGAIN, "d", NOW)))
  assert.ok(!isWrong(review(null, FUZZY, "d", NOW)))
  assert.ok(!isWrong(null))
})

test("a card is not due before its day, and is due from its first moment", () => {
  const entry = review(null, KNOWN, "d", NOW)  // box 2: tomorrow
  assert.ok(!isDue(entry, NOW))
  assert.ok(!isDue(entry, entry.due - 1))
  assert.ok(isDue(entry, entry.due))
  assert.throws(() => review(null, 4, "d", NOW), RangeError)
})

test("property: any sequence of grades keeps the box in 1..5 and the due date on or after the review day", () => {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let run = 0; run < 200; run++) {
    let entry = null
    let now = NOW
    for (let i = 0; i < 30; i++) {
      const grade = 1 + Math.floor(random() * 3)
      const next = review(entry, grade, "d", now)
      assert.ok(next.box >= 1 && next.box <= 5)
      assert.ok(next.due >= addDays(now, 0))
      assert.equal(next.box, nextBox(entry ? entry.box : 0, grade))
      entry = next
      now += Math.floor(random() * 5 * 86400000)
    }
  }
})
