// Term popovers: hover, focus or tap a term link (a.autolink) to see its one-line definition.
// Event delegation on the document, so links that Material's instant navigation swaps in work
// without re-binding; the popover is one element appended to <body>, filled per link.

import { placePopover } from "./position.js"
import { popoverHTML, readTerm } from "./render.js"
import { createController } from "./controller.js"

const LINK = "a.autolink"
const POPOVER_ID = "kb-popover"
const IDS = { term: "kb-popover-term", summary: "kb-popover-summary" }

// The summary is in data-summary; drop the title so neither the browser's tooltip nor Material's
// (content.tooltips) shows it a second time. Runs before Material mounts its components on load.
function stripTitles(root) {
  for (const link of root.querySelectorAll(`${LINK}[title]`)) {
    if (!link.dataset.summary) link.dataset.summary = link.getAttribute("title")
    link.removeAttribute("title")
  }
}

function popoverElement() {
  let el = document.getElementById(POPOVER_ID)
  if (el) return el
  el = document.createElement("div")
  el.id = POPOVER_ID
  el.className = "kb-popover"
  el.setAttribute("role", "dialog")
  el.setAttribute("aria-labelledby", IDS.term)
  el.hidden = true
  document.body.appendChild(el)
  return el
}

function anchorRect(link) {
  const rects = link.getClientRects()
  return rects.length ? rects[0] : link.getBoundingClientRect()
}

function open(link) {
  const el = popoverElement()
  el.innerHTML = popoverHTML(readTerm(link), IDS)
  el.hidden = false
  el.style.left = "0px"
  el.style.top = "0px"
  el.style.width = ""
  const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight }
  const size = el.getBoundingClientRect()
  const spot = placePopover(anchorRect(link), { width: size.width, height: size.height }, viewport)
  el.style.width = `${spot.width}px`
  el.style.left = `${spot.left + window.scrollX}px`
  el.style.top = `${spot.top + window.scrollY}px`
  el.style.setProperty("--kb-popover-arrow", `${spot.arrow}px`)
  el.dataset.placement = spot.placement
  link.setAttribute("aria-expanded", "true")
  link.setAttribute("aria-controls", POPOVER_ID)
  link.setAttribute("aria-describedby", IDS.summary)
}

function close(link) {
  const el = document.getElementById(POPOVER_ID)
  if (el) el.hidden = true
  link.removeAttribute("aria-expanded")
  link.removeAttribute("aria-controls")
  link.removeAttribute("aria-describedby")
}

const controller = createController({
  open,
  close,
  setTimer: (fn, ms) => window.setTimeout(fn, ms),
  clearTimer: (id) => window.clearTimeout(id),
})

function linkOf(target) {
  return target instanceof Element ? target.closest(LINK) : null
}

function inPopover(target) {
  return target instanceof Element && target.closest(`#${POPOVER_ID}`) !== null
}

let lastPointer = "mouse"

function setup() {
  stripTitles(document)
  document.addEventListener(
    "pointerdown",
    (ev) => {
      lastPointer = ev.pointerType || "mouse"
      if (!linkOf(ev.target) && !inPopover(ev.target)) controller.tapOutside()
    },
    true,
  )
  document.addEventListener("pointerover", (ev) => {
    if (ev.pointerType === "touch") return
    const link = linkOf(ev.target)
    if (link && !link.contains(ev.relatedTarget)) {
      stripTitles(link.parentNode || document)
      controller.pointerEnterLink(link)
    } else if (inPopover(ev.target) && !inPopover(ev.relatedTarget)) controller.pointerEnterPopover()
  })
  document.addEventListener("pointerout", (ev) => {
    if (ev.pointerType === "touch") return
    const link = linkOf(ev.target)
    if (link && !link.contains(ev.relatedTarget)) controller.pointerLeaveLink()
    else if (inPopover(ev.target) && !inPopover(ev.relatedTarget)) controller.pointerLeavePopover()
  })
  document.addEventListener("focusin", (ev) => {
    const link = linkOf(ev.target)
    if (link && link.matches(":focus-visible")) controller.focusLink(link)
  })
  document.addEventListener("focusout", (ev) => {
    if (linkOf(ev.target) && !inPopover(ev.relatedTarget)) controller.blurLink()
  })
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && controller.escape()) ev.stopPropagation()
  })
  // Capture on window: runs before Material's instant navigation (a click listener on <body>
  // that does not look at defaultPrevented), so a first tap can keep the reader on the page.
  window.addEventListener(
    "click",
    (ev) => {
      const link = linkOf(ev.target)
      if (!link || lastPointer === "mouse" || ev.detail === 0) return // mouse, or Enter on a link
      if (controller.tapLink(link)) {
        ev.preventDefault()
        ev.stopPropagation()
      }
    },
    true,
  )
  // After instant navigation: the link is gone, so is its popover; titles of the new page go too.
  if (window.document$ && typeof window.document$.subscribe === "function")
    window.document$.subscribe(() => {
      controller.closeNow()
      stripTitles(document)
    })
}

setup()
