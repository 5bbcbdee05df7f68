// One practice session: a queue of cards, one at a time, graded into the progress as it goes.
// Going back (k) to a graded card and grading it again replaces that grade: the new entry is
// computed from the card's progress as it was before this session, not stacked on the first grade.

import { entryFor } from "./deck.js"
import { review } from "./scheduler.js"

export class Session {
  constructor(queue, progress) {
    this.queue = queue
    this.progress = progress
    this.index = 0
    this.revealed = false
    this.done = queue.length === 0
    this.results = new Map()  // card id -> { grade, before }
  }

  get card() {
    return this.done ? null : this.queue[this.index]
  }

  reveal() {
    if (!this.done)
      this.revealed = true
  }

  grade(grade, now) {
    const card = this.card
    if (!card || !this.revealed)
      return false
    const before = this.results.has(card.id)
      ? this.results.get(card.id).before
      : entryFor(this.progress, card.id, card.h)
    this.progress.cards[card.id] = review(before, grade, card.h, now)
    this.results.set(card.id, { grade, before })
    this.next()
    return true
  }

  next() {
    if (this.done)
      return
    if (this.index + 1 >= this.queue.length) {
      this.done = true
      return
    }
    this.index++
    this.revealed = this.results.has(this.card.id)
  }

  prev() {
    if (this.done) {
      this.done = this.queue.length === 0
      this.revealed = !this.done && this.results.has(this.card.id)
      return
    }
    if (this.index > 0) {
      this.index--
      this.revealed = this.results.has(this.card.id)
    }
  }

  finish() {
    this.done = true
  }

  gradeOf(id) {
    const result = this.results.get(id)
    return result ? result.grade : 0
  }

  summary() {
    const counts = { 1: 0, 2: 0, 3: 0 }
    const again = []
    for (const card of this.queue) {
      const grade = this.gradeOf(card.id)
      if (grade) counts[grade]++
      if (grade === 1) again.push(card)
    }
    return { total: this.queue.length, graded: this.results.size, counts, again }
  }
}
