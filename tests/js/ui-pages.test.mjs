import assert from "node:assert/strict"
import { test } from "node:test"

import { onEveryPage } from "../../web/ui/pages.js"

function fakeWindow(readyState, withDocument$) {
  const listeners = {}
  const subscribers = []
  const win = {
    document: { readyState, addEventListener: (type, fn) => (listeners[type] = fn) },
  }
  if (withDocument$) win.document$ = { subscribe: (fn) => subscribers.push(fn) }
  return { win, listeners, subscribers }
}

test("runs now when the document is ready, and on every instant page", () => {
  const { win, subscribers } = fakeWindow("complete", true)
  let runs = 0
  onEveryPage(win, () => runs++)
  assert.equal(runs, 1)
  subscribers.forEach((fn) => fn())
  assert.equal(runs, 2)
})

test("waits for DOMContentLoaded while loading; works without Material's document$", () => {
  const { win, listeners } = fakeWindow("loading", false)
  let runs = 0
  onEveryPage(win, () => runs++)
  assert.equal(runs, 0)
  listeners.DOMContentLoaded()
  assert.equal(runs, 1)
})

import { isActivationKey } from "../../web/ui/buttons.js"

test("labels acting as buttons answer Enter and Space only", () => {
  for (const key of ["Enter", " ", "Spacebar"]) assert.ok(isActivationKey(key), key)
  for (const key of ["Tab", "Escape", "a", "ArrowDown"]) assert.ok(!isActivationKey(key), key)
})
