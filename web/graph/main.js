// The graph view: the global graph page (graph/) and the local graph folded at the end of each
// topic page. Containers are written by hooks/graph.py (kb.graph):
//   [data-kb-graph="global"]  filter input, legend, .kb-graph__canvas, .kb-graph__results
//   details[data-kb-graph="local"][data-kb-node=<page url>]  drawn when opened (open on wide screens)
// Nothing is loaded on a page without such a container. Runs again on every page Material's
// instant navigation shows (document$), after tearing the previous page's graphs down.
// window.__kbGraph exposes the drawn graphs to tests (node counts, node positions).

import { drawGraph } from "./draw.js"
import { loadData, loadLibrary } from "./load.js"
import { filterNodes, indexGraph, neighbourhood, nodeHref } from "./model.js"

const script = document.currentScript
const ROOT = new URL("../../", script ? script.src : location.href).href // this file is assets/javascripts/graph.js
const WIDE = "(min-width: 60em)" // Material's breakpoint for the side bars: room for the local graph
const RESULTS = 30

const hook = (window.__kbGraph = { global: null, local: null, error: null })
let drawn = []
let palette = null

function open(node) {
  location.href = nodeHref(ROOT, node)
}

function prepare() {
  return Promise.all([loadLibrary(ROOT), loadData(ROOT)]).then(([ForceGraph, data]) => {
    if (typeof ForceGraph !== "function") throw new Error("force-graph is missing (make vendor)")
    return [ForceGraph, indexGraph(data)]
  })
}

function fail(container, error) {
  hook.error = String(error)
  const note = document.createElement("p")
  note.className = "kb-graph__error"
  note.textContent = "关系图加载失败：站点缺少绘图脚本或图数据。"
  container.appendChild(note)
}

function showGlobal(container) {
  const canvas = container.querySelector(".kb-graph__canvas")
  const input = container.querySelector("input[type=search]")
  const count = container.querySelector(".kb-graph__count")
  const results = container.querySelector(".kb-graph__results")
  prepare()
    .then(([ForceGraph, graph]) => {
      if (!canvas.isConnected) return
      const all = { nodes: graph.nodes.map((n) => n.index), links: graph.links }
      const height = Math.max(360, Math.min(Math.round(window.innerHeight * 0.7), 760))
      const view = drawGraph(ForceGraph, canvas, graph, all, {
        kind: "global", root: ROOT, height, labels: "zoom", onOpen: open, warmup: 60, cooldown: 200, charge: -45, gravity: 0.06,
      })
      drawn.push(view)
      hook.global = view
      const update = () => {
        const matches = filterNodes(graph.nodes, input.value)
        view.highlight(matches)
        results.replaceChildren()
        count.textContent = matches === null ? "" : `匹配 ${matches.length} 个节点`
        for (const index of (matches || []).slice(0, RESULTS)) {
          const node = graph.nodes[index]
          const item = document.createElement("li")
          const link = document.createElement("a")
          link.href = nodeHref(ROOT, node)
          link.textContent = node.l
          const kind = document.createElement("span")
          kind.className = "kb-graph__kind"
          kind.textContent = node.k === "t" ? "术语" : "页面"
          item.append(link, " ", kind)
          results.appendChild(item)
        }
      }
      input.addEventListener("input", update)
      if (input.value) update()
    })
    .catch((error) => fail(container, error))
}

function showLocal(details) {
  const canvas = details.querySelector(".kb-graph__canvas")
  let started = false
  const start = () => {
    if (started || !details.open) return
    started = true
    prepare()
      .then(([ForceGraph, graph]) => {
        if (!canvas.isConnected) return
        const id = details.dataset.kbNode
        const near = neighbourhood(graph, id, { depth: 2, limit: 28 })
        const view = drawGraph(ForceGraph, canvas, graph, near, {
          kind: "local", root: ROOT, focus: id, height: 300, labels: "near", onOpen: open, warmup: 30, cooldown: 120, charge: -160, gravity: 0.1,
        })
        drawn.push(view)
        hook.local = view
      })
      .catch((error) => fail(details, error))
  }
  details.addEventListener("toggle", start)
  if (window.matchMedia(WIDE).matches) details.open = true
  start()
}

// Draws the graphs of the current page once; tears down those of pages no longer shown.
function init() {
  drawn = drawn.filter((view) => view.element.isConnected || (view.destroy(), false))
  for (const kind of ["global", "local"]) if (hook[kind] && !hook[kind].element.isConnected) hook[kind] = null
  const containers = document.querySelectorAll("[data-kb-graph]:not([data-kb-started])")
  if (!containers.length) return
  for (const container of containers) {
    container.setAttribute("data-kb-started", "")
    if (container.dataset.kbGraph === "global") showGlobal(container)
    else if (container.dataset.kbGraph === "local") showLocal(container)
  }
  if (!palette) {
    // Material switches palettes by setting data-md-color-scheme on <body>.
    palette = new MutationObserver(() => drawn.forEach((view) => view.recolour()))
    palette.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] })
  }
}

// Every page Material's instant navigation shows comes through document$; from file:// it may
// never emit (no instant navigation there), so the page as loaded is drawn on its own too.
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init)
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init)
else init()
