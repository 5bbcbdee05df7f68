// Arriving at a question's address opens the question: from interview/, a search result, a
// shared link, after Material's instant navigation, or a click on the same page.
import { closedDetails, isQuestion, keepPinnedHash, targetId } from "./anchors.js"
import { onEveryPage } from "./pages.js"

let pinned = null // href whose hash we keep while the reader has not scrolled by themselves

function unpin() {
  pinned = null
}

function reveal(win) {
  const doc = win.document
  if (pinned && pinned !== win.location.href) pinned = null // a new address: a new target
  const id = targetId(win.location.hash)
  if (!id) return
  const target = doc.getElementById(id)
  if (!target) return
  const hidden = closedDetails(target)
  const question = isQuestion(target) ? target : null
  if (!hidden.length && !question) return
  for (const details of hidden) details.open = true
  if (question) pinned = win.location.href
  const scroll = () => target.scrollIntoView({ block: "start" })
  // Once now, once after layout and Material's own scroll to the (then closed) target settle.
  win.requestAnimationFrame(scroll)
  win.setTimeout(scroll, 120)
}

export function installQuestionAnchors(win) {
  const history = win.history
  const replace = history.replaceState.bind(history)
  history.replaceState = function (state, title, url) {
    if (pinned && url !== undefined && url !== null) {
      const kept = keepPinnedHash(pinned, String(new URL(String(url), win.location.href)))
      if (kept) url = kept
    }
    return replace(state, title, url)
  }
  for (const type of ["wheel", "touchmove", "mousedown"]) win.addEventListener(type, unpin, { passive: true })
  win.addEventListener("keydown", unpin) // keys scroll, follow links, move focus: the reader leads
  win.addEventListener("hashchange", () => reveal(win))
  const later = () => win.setTimeout(() => reveal(win), 0)
  onEveryPage(win, later) // every page, instant navigation included
  if (win.location$ && typeof win.location$.subscribe === "function") win.location$.subscribe(later)
}
