/*
 * A rendered diagram in the text column: shown at a readable scale (geometry.js), in a
 * container that scrolls horizontally when the diagram is wider than the column, with a
 * 「放大查看」 button that opens the full-size viewer (viewer.js).
 */
import { columnLayout } from "./geometry.js"
import { naturalSize, smallestFont } from "./measure.js"
import { openViewer } from "./viewer.js"

const figures = new Set()
let observer = null

function relayout(figure) {
  const state = figure.kbDiagram
  const column = figure.clientWidth
  if (!state || !column)
    return
  const shown = columnLayout({ natural: state.natural, column, font: state.font })
  state.svg.style.maxWidth = "none"
  state.svg.style.width = shown.width + "px"
  state.svg.style.height = shown.height + "px"
  figure.classList.toggle("kb-diagram--scrolls", shown.scrolls)
  if (shown.scrolls) {
    state.scroller.setAttribute("tabindex", "0")
    state.scroller.setAttribute("role", "region")
    state.scroller.setAttribute("aria-label", "图表，可左右滚动")
  } else {
    state.scroller.removeAttribute("tabindex")
    state.scroller.removeAttribute("role")
    state.scroller.removeAttribute("aria-label")
  }
}

function observe(figure) {
  if (typeof ResizeObserver === "undefined")
    return
  if (!observer)
    observer = new ResizeObserver(entries => {
      for (const entry of entries) {
        if (!entry.target.isConnected) {
          observer.unobserve(entry.target)
          figures.delete(entry.target)
        } else {
          relayout(entry.target)
        }
      }
    })
  observer.observe(figure)
  figures.add(figure)
}

function button(label, className) {
  const el = document.createElement("button")
  el.type = "button"
  el.className = className
  el.textContent = label
  return el
}

/**
 * Wrap the shadow host of a freshly rendered diagram. `root` is its shadow root (Material
 * hands it to the render result's callback), `svgText` the SVG Mermaid produced.
 */
export function attachDiagram(root, svgText) {
  const host = root.host
  const svg = root.querySelector("svg")
  if (!host || !svg || !host.parentNode || host.closest(".kb-diagram"))
    return null
  const figure = document.createElement("div")
  figure.className = "kb-diagram"
  const bar = document.createElement("div")
  bar.className = "kb-diagram__bar"
  const hint = document.createElement("span")
  hint.className = "kb-diagram__hint"
  hint.textContent = "可左右滑动查看"
  const open = button("放大查看", "kb-diagram__open")
  open.setAttribute("aria-haspopup", "dialog")
  bar.append(hint, open)
  const scroller = document.createElement("div")
  scroller.className = "kb-diagram__scroll"
  host.parentNode.insertBefore(figure, host)
  scroller.appendChild(host)
  figure.append(scroller, bar)

  const state = { svg, scroller, natural: naturalSize(svg), font: smallestFont(root) }
  figure.kbDiagram = state
  open.addEventListener("click", () => openViewer({ svgText, natural: state.natural, font: state.font, trigger: open }))
  relayout(figure)
  observe(figure)
  return figure
}
