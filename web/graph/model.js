// The graph data as the hooks write it (hooks/kb/graph.py) and the pure choices made over it:
// which nodes a local graph shows, which nodes a name filter keeps, which colour a node gets.
// No DOM here: tests/js/graph-model.test.mjs runs these under `node --test`.

export const PALETTE = 12 // --kb-graph-c0 ... --kb-graph-c11 in overrides/assets/stylesheets/graph.css

// { nodes: [{id, l, k, c}], links: [[i, j]] } -> the same plus each node's neighbours (sorted indices).
export function indexGraph(data) {
  const nodes = data.nodes.map((node, index) => ({ ...node, index }))
  const adjacent = nodes.map(() => new Set())
  for (const [i, j] of data.links) {
    if (i === j || !nodes[i] || !nodes[j]) continue
    adjacent[i].add(j)
    adjacent[j].add(i)
  }
  const byId = new Map(nodes.map((node) => [node.id, node.index]))
  return {
    categories: data.categories || [],
    nodes,
    links: data.links.filter(([i, j]) => i !== j && nodes[i] && nodes[j]),
    neighbours: adjacent.map((set) => [...set].sort((a, b) => a - b)),
    byId,
  }
}

function byScoreThenId(nodes, score) {
  return (a, b) => score.get(b) - score.get(a) || (nodes[a].id < nodes[b].id ? -1 : nodes[a].id > nodes[b].id ? 1 : 0)
}

// The nodes around `id`: every direct neighbour, then nodes two steps away ranked by how many
// direct neighbours they touch (a node reached through one general term only comes last),
// ties by id; at most `limit` nodes in all. Returns { nodes: [index], links: [[i, j]], distance: Map }.
export function neighbourhood(graph, id, { depth = 2, limit = 40 } = {}) {
  const centre = graph.byId.get(id)
  if (centre === undefined) return { nodes: [], links: [], distance: new Map() }
  const distance = new Map([[centre, 0]])
  const first = graph.neighbours[centre]
  const firstScore = new Map(first.map((n) => [n, graph.neighbours[n].filter((m) => m === centre || first.includes(m)).length]))
  const chosenFirst = [...first].sort(byScoreThenId(graph.nodes, firstScore)).slice(0, Math.max(limit - 1, 0))
  for (const n of chosenFirst) distance.set(n, 1)
  if (depth >= 2) {
    const score = new Map()
    for (const n of chosenFirst)
      for (const m of graph.neighbours[n]) if (!distance.has(m)) score.set(m, (score.get(m) || 0) + 1)
    const second = [...score.keys()].sort(byScoreThenId(graph.nodes, score))
    for (const m of second.slice(0, Math.max(limit - distance.size, 0))) distance.set(m, 2)
  }
  const nodes = [...distance.keys()].sort((a, b) => a - b)
  const links = graph.links.filter(([i, j]) => distance.has(i) && distance.has(j))
  return { nodes, links, distance }
}

// Lower case, full-width ASCII folded to half width, white space collapsed.
export function normalise(text) {
  return String(text)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
}

// Indices of the nodes whose label contains every word of `query`: exact matches first, then
// labels starting with the query, then shorter labels, then by id. null for an empty query.
export function filterNodes(nodes, query) {
  const q = normalise(query)
  if (!q) return null
  const words = q.split(" ")
  const rank = (label) => (label === q ? 0 : label.startsWith(q) ? 1 : 2)
  return nodes
    .map((node, index) => ({ index, label: normalise(node.l), id: node.id }))
    .filter(({ label }) => words.every((w) => label.includes(w)))
    .sort((a, b) => rank(a.label) - rank(b.label) || a.label.length - b.label.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ index }) => index)
}

// The CSS custom property holding a category's colour; nodes outside every category get their own.
export function colourVariable(category) {
  return Number.isInteger(category) && category >= 0 ? `--kb-graph-c${category % PALETTE}` : "--kb-graph-other"
}

// Escape for the tooltip, which the library sets as HTML.
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])
}

// A node's address: its id is a URL from the site root ("docker/containers/#container").
export function nodeHref(root, node) {
  return new URL(node.id, root).href
}
