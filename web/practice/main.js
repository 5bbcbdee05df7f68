// Entry of the practice bundle (assets/javascripts/practice.js), loaded on every page:
// state badges on question blocks and the progress tables from localStorage alone; on the
// practice page (#kb-practice) it also loads the deck (a classic script: file:// cannot fetch)
// and starts the app. Runs again on each of Material's instant page loads (document$).

import { App } from "./app.js"
import { validDeck } from "./deck.js"
import { decorateQuestions, fillProgressTables, showMessage } from "./render.js"
import { loadProgress } from "./storage.js"

const DECK_GLOBAL = "kbPracticeDeck"
let current = null

function browserStorage() {
  try {
    return window.localStorage
  } catch (e) {
    return null
  }
}

function loadDeck(src) {
  if (validDeck(window[DECK_GLOBAL]))
    return Promise.resolve(window[DECK_GLOBAL])
  return new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = src
    script.onload = () => validDeck(window[DECK_GLOBAL]) ? resolve(window[DECK_GLOBAL]) : reject(new Error("deck"))
    script.onerror = () => reject(new Error("deck"))
    document.head.appendChild(script)
  })
}

function init() {
  const storage = browserStorage()
  const loaded = loadProgress(storage)
  try {
    decorateQuestions(document, loaded.progress, Date.now())
    fillProgressTables(document, loaded.progress)
  } catch (e) {
    /* a page without our markup, or an odd one: badges are optional */
  }
  const root = document.getElementById("kb-practice")
  if (!root) {
    const box = document.querySelector(".kb-practice-progress")
    if (box && loaded.error && !box.querySelector(".kb-practice__message"))
      showMessage(box, loaded.error, "error")
    return
  }
  if (root.getAttribute("data-kb-started"))
    return
  root.setAttribute("data-kb-started", "1")
  const mount = root.querySelector(".kb-practice__app") || root
  loadDeck(root.getAttribute("data-deck")).then(deck => {
    current = new App(root, deck, storage, loaded)
    root.setAttribute("data-kb-ready", "1")
  }, () => {
    mount.replaceChildren()
    showMessage(mount, "题库没能加载，请刷新页面重试。", "error")
  })
}

document.addEventListener("keydown", event => {
  if (current && current.root.isConnected)
    current.onKey(event)
})

// Now (or when the document is parsed), and again on each of Material's instant page loads.
// Not only through document$: it does not emit on every kind of page (file://, for one).
if (document.readyState === "loading")
  document.addEventListener("DOMContentLoaded", init)
else
  init()
if (window.document$ && typeof window.document$.subscribe === "function")
  window.document$.subscribe(() => init())
