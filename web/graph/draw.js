// Drawing one graph (the whole site, or a page's neighbourhood) with force-graph on a canvas.
// Colours come from CSS custom properties (overrides/assets/stylesheets/graph.css), read again
// when the reader switches palette, so both palettes are drawn in their own colours.

import { colourVariable, escapeHtml, nodeHref } from "./model.js"

const KIND = { p: "页面", t: "术语" }

function readColours(element, categories) {
  const style = getComputedStyle(element)
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback
  return {
    categories: categories.map((_, i) => read(colourVariable(i), "#888")),
    other: read(colourVariable(-1), "#888"),
    edge: read("--kb-graph-edge", "rgba(128,128,128,.35)"),
    label: read("--kb-graph-label", "#444"),
    halo: read("--kb-graph-halo", "#fff"),
    focus: read("--kb-graph-focus", "#e91e63"),
  }
}

// graph: indexGraph(data); subset: { nodes: [index], links: [[i, j]] }; options:
// { root, focus (node id), labels ("near": direct neighbours always | "zoom": as the reader zooms in),
//   height, onOpen(node), warmup, cooldown, charge, gravity, kind }.
export function drawGraph(ForceGraph, canvas, graph, subset, options) {
  const degree = new Map()
  for (const [i, j] of subset.links) {
    degree.set(i, (degree.get(i) || 0) + 1)
    degree.set(j, (degree.get(j) || 0) + 1)
  }
  const nodes = subset.nodes.map((index) => {
    const node = graph.nodes[index]
    const size = node.k === "p" ? 2 + Math.min(degree.get(index) || 0, 40) / 6 : 1
    const dist = subset.distance ? subset.distance.get(index) : undefined
    return { id: node.id, label: node.l, kind: node.k, cat: node.c, index, dist, size: node.id === options.focus ? size + 3 : size }
  })
  const links = subset.links.map(([i, j]) => ({ source: graph.nodes[i].id, target: graph.nodes[j].id }))
  let colours = readColours(canvas, graph.categories)
  let highlighted = null // Set of node indices, or null: nothing filtered
  const state = { ready: false }
  const colourOf = (node) => (node.cat >= 0 ? colours.categories[node.cat] || colours.other : colours.other)
  const dimmed = (node) => highlighted !== null && !highlighted.has(node.index)
  const relSize = 4
  const radius = (node) => Math.sqrt(node.size) * relSize

  const instance = new ForceGraph(canvas)
    .width(canvas.clientWidth || 320)
    .height(options.height)
    .nodeRelSize(relSize)
    .maxZoom(5) // zooming to one matching node must not blow it up to fill the canvas
    .nodeVal((node) => node.size)
    .nodeLabel((node) => `${escapeHtml(node.label)}（${KIND[node.kind] || ""}）`)
    .nodeCanvasObjectMode(() => "replace")
    .nodeCanvasObject((node, ctx, scale) => {
      ctx.globalAlpha = dimmed(node) ? 0.15 : 1
      ctx.beginPath()
      ctx.arc(node.x, node.y, radius(node), 0, 2 * Math.PI)
      ctx.fillStyle = colourOf(node)
      ctx.fill()
      if (node.kind === "t" || node.id === options.focus) {
        ctx.lineWidth = (node.id === options.focus ? 2.5 : 1) / scale
        ctx.strokeStyle = node.id === options.focus ? colours.focus : colours.halo
        ctx.stroke()
      }
      const showLabel =
        (options.labels === "near" && (node.dist <= 1 || scale >= 2.5)) ||
        node.id === options.focus ||
        (highlighted !== null && !dimmed(node) && highlighted.size <= 40) ||
        (node.kind === "p" && scale >= 1.8) ||
        scale >= 3.5
      if (showLabel && !dimmed(node)) {
        const fontSize = Math.max(11 / scale, 1.5)
        ctx.font = `${fontSize}px sans-serif`
        ctx.textAlign = "center"
        ctx.textBaseline = "top"
        ctx.lineWidth = 3 / scale
        ctx.strokeStyle = colours.halo
        ctx.strokeText(node.label, node.x, node.y + radius(node) + 1)
        ctx.fillStyle = colours.label
        ctx.fillText(node.label, node.x, node.y + radius(node) + 1)
      }
      ctx.globalAlpha = 1
    })
    .linkColor(() => colours.edge)
    .linkVisibility((link) => highlighted === null || (highlighted.has(link.source.index) && highlighted.has(link.target.index)))
    .onNodeClick((node) => options.onOpen(node))
    .onNodeHover((node) => (canvas.style.cursor = node ? "pointer" : ""))
    .warmupTicks(options.warmup || 0)
    .cooldownTicks(options.cooldown || 150)
    .onEngineStop(() => {
      if (!state.ready) instance.zoomToFit(0, 24)
      state.ready = true
    })
    .graphData({ nodes, links })

  instance.d3Force("charge").strength(options.charge || -40)
  // A pull towards the centre, so that small components and lone nodes stay near the rest
  // (otherwise they drift off and zoom-to-fit shrinks the main cluster to a dot).
  const gravity = options.gravity || 0.08
  instance.d3Force("gravity", (alpha) => {
    for (const node of nodes) {
      node.vx -= node.x * gravity * alpha
      node.vy -= node.y * gravity * alpha
    }
  })

  const resize = new ResizeObserver(() => instance.width(canvas.clientWidth || 320))
  resize.observe(canvas)

  return {
    instance,
    element: canvas,
    state,
    kind: options.kind,
    nodeCount: () => nodes.length,
    linkCount: () => links.length,
    nodeIds: () => nodes.map((n) => n.id),
    href: (node) => nodeHref(options.root, node),
    // Where a node is drawn, in client coordinates (tests click there).
    screenPosition(id) {
      const node = nodes.find((n) => n.id === id)
      if (!node || node.x === undefined) return null
      const point = instance.graph2ScreenCoords(node.x, node.y)
      const box = canvas.getBoundingClientRect()
      return { x: box.left + point.x, y: box.top + point.y }
    },
    highlight(indices) {
      highlighted = indices === null ? null : new Set(indices)
      instance.nodeVisibility(instance.nodeVisibility()) // redraw
      if (highlighted !== null && highlighted.size > 0 && highlighted.size <= 40)
        instance.zoomToFit(400, 40, (node) => highlighted.has(node.index))
      else if (highlighted === null) instance.zoomToFit(400, 24)
    },
    recolour() {
      colours = readColours(canvas, graph.categories)
      instance.nodeVisibility(instance.nodeVisibility())
    },
    destroy() {
      resize.disconnect()
      instance.pauseAnimation()
      instance._destructor()
    },
  }
}
