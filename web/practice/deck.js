// The deck (built by hooks/practice.py) and the choice of cards for a session.

import { isDue, isWrong, stateOf } from "./scheduler.js"

export const DECK_FORMAT = "kb-practice-deck"

export function validDeck(deck) {
  return !!deck && deck.format === DECK_FORMAT && deck.version === 1
    && Array.isArray(deck.cards) && Array.isArray(deck.categories)
}

export function digestsOf(cards) {
  return new Map(cards.map(card => [card.id, card.h]))
}

// The progress entry of a card, only if it was recorded for this text of the question.
export function entryFor(progress, id, digest) {
  const entry = progress.cards[id]
  return entry && entry.h === digest ? entry : null
}

// Cards in the chosen categories (none chosen = all) having one of the chosen tags (none = any);
// with wrongOnly, only those whose last grade was 不会.
export function selectCards(cards, choice, progress) {
  const categories = new Set(choice.categories || [])
  const tags = new Set(choice.tags || [])
  return cards.filter(card =>
    (categories.size === 0 || categories.has(card.c))
    && (tags.size === 0 || card.tags.some(tag => tags.has(tag)))
    && (!choice.wrongOnly || isWrong(entryFor(progress, card.id, card.h))))
}

// A session: due cards first (most overdue first, then deck order), then new cards in deck order.
// Cards practised and not yet due wait; with `everything` (「只练错题」) they come too, after the due ones.
export function buildQueue(cards, progress, now, options = {}) {
  const due = []
  const fresh = []
  const waiting = []
  cards.forEach((card, index) => {
    const entry = entryFor(progress, card.id, card.h)
    if (!entry)
      fresh.push({ card, index })
    else if (isDue(entry, now))
      due.push({ card, index, due: entry.due })
    else
      waiting.push({ card, index, due: entry.due })
  })
  due.sort((a, b) => a.due - b.due || a.index - b.index)
  waiting.sort((a, b) => a.due - b.due || a.index - b.index)
  const queue = [...due, ...(options.everything ? waiting : []), ...fresh].map(item => item.card)
  return options.limit ? queue.slice(0, options.limit) : queue
}

export function countStates(cards, progress) {
  const counts = { new: 0, learning: 0, mastered: 0 }
  for (const card of cards)
    counts[stateOf(entryFor(progress, card.id, card.h))]++
  return counts
}

export function countDue(cards, progress, now) {
  return cards.filter(card => isDue(entryFor(progress, card.id, card.h), now)).length
}

// "id:digest id:digest" as written by the hook in progress tables -> [{id, h}]
export function parseCardList(text) {
  return (text || "").split(/\s+/).filter(Boolean).map(item => {
    const at = item.lastIndexOf(":")
    return at > 0 ? { id: item.slice(0, at), h: item.slice(at + 1) } : { id: item, h: "" }
  })
}
