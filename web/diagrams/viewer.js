/*
 * The full-size viewer: an overlay showing one diagram with pan and zoom.
 * Wheel or two fingers zoom, dragging pans, the buttons 放大/缩小/还原/关闭 and the
 * keys + - 0 and arrows do the same, Escape closes and focus returns to the trigger.
 * The transform math is in zoom.js.
 */
import { initialTransform, keepVisible, pan, pinch, scaleLimits, wheelFactor, zoomAt, ZOOM_STEP } from "./zoom.js"

const READABLE = 12
let current = null

function el(tag, className, text) {
  const node = document.createElement(tag)
  if (className)
    node.className = className
  if (text)
    node.textContent = text
  return node
}

function control(label, className) {
  const node = el("button", "kb-viewer__button " + className, label)
  node.type = "button"
  return node
}

/** The open viewer's overlay element, if any (tests and the palette switch read it). */
export function currentViewer() {
  return current && current.overlay
}

export function closeViewer() {
  if (!current)
    return
  const { overlay, trigger, cleanup } = current
  current = null
  cleanup()
  overlay.remove()
  document.documentElement.classList.remove("kb-viewer-open")
  if (trigger && trigger.isConnected)
    trigger.focus()
}

/** Open the viewer on a diagram: svgText as Mermaid rendered it, its natural size and label font size. */
export function openViewer({ svgText, natural, font, trigger }) {
  closeViewer()
  const overlay = el("div", "kb-viewer")
  overlay.setAttribute("role", "dialog")
  overlay.setAttribute("aria-modal", "true")
  overlay.setAttribute("aria-label", "放大查看图表")
  overlay.tabIndex = -1 // a click on the stage keeps focus in the dialog (Tab, Escape, + and - keep working)
  const bar = el("div", "kb-viewer__bar")
  const hint = el("span", "kb-viewer__hint", "滚轮或双指缩放，拖动平移")
  const zoomIn = control("放大", "kb-viewer__zoom-in")
  const zoomOut = control("缩小", "kb-viewer__zoom-out")
  const reset = control("还原", "kb-viewer__reset")
  const close = control("关闭", "kb-viewer__close")
  bar.append(hint, zoomIn, zoomOut, reset, close)
  const stage = el("div", "kb-viewer__stage")
  const content = el("div", "kb-viewer__content")
  const shadow = content.attachShadow({ mode: "open" })
  shadow.innerHTML = svgText
  const style = document.createElement("style")
  style.textContent = ":host{display:block}svg{display:block;max-width:none!important}"
  shadow.prepend(style)
  const svg = shadow.querySelector("svg")
  if (svg) {
    svg.style.width = natural.width + "px"
    svg.style.height = natural.height + "px"
  }
  content.style.width = natural.width + "px"
  content.style.height = natural.height + "px"
  stage.append(content)
  overlay.append(bar, stage)
  document.body.append(overlay)
  document.documentElement.classList.add("kb-viewer-open")

  const size = () => {
    const r = stage.getBoundingClientRect()
    return { width: r.width, height: r.height }
  }
  let t = initialTransform(natural, size(), font, READABLE)
  const apply = next => {
    t = keepVisible(next, natural, size())
    content.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.scale})`
    overlay.dataset.scale = t.scale.toFixed(4)
  }
  const limits = () => scaleLimits(natural, size(), font, READABLE)
  const centre = () => {
    const s = size()
    return { x: s.width / 2, y: s.height / 2 }
  }
  const local = e => {
    const r = stage.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }
  apply(t)

  zoomIn.addEventListener("click", () => apply(zoomAt(t, ZOOM_STEP, centre(), limits())))
  zoomOut.addEventListener("click", () => apply(zoomAt(t, 1 / ZOOM_STEP, centre(), limits())))
  reset.addEventListener("click", () => apply(initialTransform(natural, size(), font, READABLE)))
  close.addEventListener("click", closeViewer)

  stage.addEventListener("wheel", e => {
    e.preventDefault()
    apply(zoomAt(t, wheelFactor(e.deltaY, e.deltaMode), local(e), limits()))
  }, { passive: false })

  const pointers = new Map()
  let gesture = null
  const begin = () => {
    const points = [...pointers.values()]
    gesture = points.length >= 2
      ? { start: t, a1: points[0], a2: points[1] }
      : points.length === 1 ? { start: t, from: points[0] } : null
  }
  stage.addEventListener("pointerdown", e => {
    if (e.button !== 0 && e.pointerType === "mouse")
      return
    try {
      stage.setPointerCapture(e.pointerId)
    } catch (error) {
      // a pointer the browser no longer tracks: follow it without capture
    }
    pointers.set(e.pointerId, local(e))
    stage.classList.add("kb-viewer__stage--dragging")
    begin()
  })
  stage.addEventListener("pointermove", e => {
    if (!pointers.has(e.pointerId) || !gesture)
      return
    pointers.set(e.pointerId, local(e))
    const points = [...pointers.values()]
    if (points.length >= 2 && gesture.a1)
      apply(pinch(gesture.start, gesture.a1, gesture.a2, points[0], points[1], limits()))
    else if (points.length === 1 && gesture.from)
      apply(pan(gesture.start, points[0].x - gesture.from.x, points[0].y - gesture.from.y))
  })
  const end = e => {
    if (!pointers.delete(e.pointerId))
      return
    if (!pointers.size)
      stage.classList.remove("kb-viewer__stage--dragging")
    begin()
  }
  stage.addEventListener("pointerup", end)
  stage.addEventListener("pointercancel", end)

  const buttons = [zoomIn, zoomOut, reset, close]
  overlay.addEventListener("keydown", e => {
    const step = 48
    if (e.key === "Escape") {
      e.preventDefault()
      closeViewer()
    } else if (e.key === "+" || e.key === "=") {
      apply(zoomAt(t, ZOOM_STEP, centre(), limits()))
    } else if (e.key === "-") {
      apply(zoomAt(t, 1 / ZOOM_STEP, centre(), limits()))
    } else if (e.key === "0") {
      apply(initialTransform(natural, size(), font, READABLE))
    } else if (e.key.startsWith("Arrow")) {
      e.preventDefault()
      const dx = e.key === "ArrowLeft" ? step : e.key === "ArrowRight" ? -step : 0
      const dy = e.key === "ArrowUp" ? step : e.key === "ArrowDown" ? -step : 0
      apply(pan(t, dx, dy))
    } else if (e.key === "Tab") {
      // Keep focus inside the dialog.
      const i = buttons.indexOf(document.activeElement)
      e.preventDefault()
      const next = e.shiftKey ? (i <= 0 ? buttons.length - 1 : i - 1) : (i + 1) % buttons.length
      buttons[next].focus()
    }
  })
  const onResize = () => apply(t)
  const onHistory = () => closeViewer()
  window.addEventListener("resize", onResize)
  window.addEventListener("popstate", onHistory)
  current = {
    overlay,
    trigger,
    cleanup() {
      window.removeEventListener("resize", onResize)
      window.removeEventListener("popstate", onHistory)
    },
  }
  close.focus()
  return overlay
}
