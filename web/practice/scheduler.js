// Leitner boxes: a reader can follow the rules (see the practice page's 「复习规则」).
// A card lives in box 1..5 once graded (0 = never practised). 不会 sends it to box 1,
// 模糊 keeps it in its box (a new card goes to box 1), 会 moves it up one box (max 5).
// The box sets the next review: box 1 the same day, then 1, 3, 7 and 21 days later,
// counted in calendar days from the day of the review (local time, DST-safe).

export const INTERVALS = [0, 1, 3, 7, 21]
export const AGAIN = 1
export const FUZZY = 2
export const KNOWN = 3
export const GRADE_LABELS = { 1: "不会", 2: "模糊", 3: "会" }
export const MASTERED_BOX = 5

export function addDays(now, days) {
  const d = new Date(now)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime()
}

export function nextBox(box, grade) {
  if (grade === AGAIN)
    return 1
  if (grade === FUZZY)
    return Math.max(1, box)
  return Math.min(MASTERED_BOX, Math.max(1, box) + 1)
}

// The progress entry after grading a card: box, due date, last grade, reviews, time.
export function review(entry, grade, digest, now) {
  if (grade !== AGAIN && grade !== FUZZY && grade !== KNOWN)
    throw new RangeError("grade must be 1, 2 or 3")
  const box = nextBox(entry ? entry.box : 0, grade)
  return {
    h: digest,
    box,
    due: addDays(now, INTERVALS[box - 1]),
    last: grade,
    n: (entry ? entry.n : 0) + 1,
    t: now,
  }
}

export function stateOf(entry) {
  if (!entry)
    return "new"
  return entry.box >= MASTERED_BOX ? "mastered" : "learning"
}

export function isDue(entry, now) {
  return !!entry && entry.due <= now
}

// 「错题」: the last grade was 不会.
export function isWrong(entry) {
  return !!entry && entry.last === AGAIN
}

// Calendar days until the entry is due (0 = due today or overdue).
export function daysUntil(entry, now) {
  if (!entry || entry.due <= now)
    return 0
  return Math.max(0, Math.round((addDays(entry.due, 0) - addDays(now, 0)) / 86400000))
}
