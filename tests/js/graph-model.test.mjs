// Pure parts of the graph view (web/graph/model.js): local neighbourhoods, name filter, colours.
import { test } from "node:test"
import assert from "node:assert/strict"
import {
  colourVariable,
  escapeHtml,
  filterNodes,
  indexGraph,
  neighbourhood,
  nodeHref,
  normalise,
} from "../../web/graph/model.js"

// a - b - c - d, a - t (term), t - e, b - e: a small site.
const data = {
  categories: [["docker", "Docker"]],
  nodes: [
    { id: "a/", l: "容器概述", k: "p", c: 0 },
    { id: "b/", l: "Pod 详解", k: "p", c: 1 },
    { id: "c/", l: "Service", k: "p", c: 1 },
    { id: "d/", l: "Ingress", k: "p", c: 1 },
    { id: "e/", l: "镜像", k: "p", c: 0 },
    { id: "a/#t", l: "容器", k: "t", c: 0 },
  ],
  links: [[0, 1], [1, 2], [2, 3], [0, 5], [4, 5], [1, 4], [3, 3]],
}
const graph = indexGraph(data)
const ids = (indices) => indices.map((i) => graph.nodes[i].id)

test("indexGraph: neighbours sorted, self links and dangling links dropped", () => {
  assert.deepEqual(graph.neighbours, [[1, 5], [0, 2, 4], [1, 3], [2], [1, 5], [0, 4]])
  assert.equal(graph.links.length, 6)
  const broken = indexGraph({ nodes: [{ id: "x" }], links: [[0, 7]] })
  assert.deepEqual(broken.links, [])
})

test("neighbourhood: one step, two steps, unknown node", () => {
  assert.deepEqual(ids(neighbourhood(graph, "a/", { depth: 1 }).nodes), ["a/", "b/", "a/#t"])
  const two = neighbourhood(graph, "a/", { depth: 2 })
  assert.deepEqual(ids(two.nodes), ["a/", "b/", "c/", "e/", "a/#t"])
  assert.equal(two.distance.get(4), 2)
  assert.deepEqual(two.links.map(([i, j]) => [graph.nodes[i].id, graph.nodes[j].id]), [
    ["a/", "b/"], ["b/", "c/"], ["a/", "a/#t"], ["e/", "a/#t"], ["b/", "e/"],
  ])
  assert.deepEqual(neighbourhood(graph, "nope/").nodes, [])
})

test("neighbourhood: the limit keeps the centre and the best-connected nodes", () => {
  // Two steps from a/: e/ touches both direct neighbours, c/ only one, so e/ comes first.
  assert.deepEqual(ids(neighbourhood(graph, "a/", { limit: 4 }).nodes), ["a/", "b/", "e/", "a/#t"])
  assert.deepEqual(ids(neighbourhood(graph, "a/", { limit: 1 }).nodes), ["a/"])
  for (let limit = 1; limit < 8; limit++)
    for (const node of graph.nodes) assert.ok(neighbourhood(graph, node.id, { limit }).nodes.length <= limit)
})

test("neighbourhood: a hub is cut to the limit, ties by id", () => {
  const hub = { nodes: [{ id: "hub" }], links: [] }
  for (let i = 0; i < 50; i++) {
    hub.nodes.push({ id: `n${String(i).padStart(2, "0")}` })
    hub.links.push([0, i + 1])
  }
  const g = indexGraph(hub)
  const near = neighbourhood(g, "hub", { limit: 5 })
  assert.deepEqual(near.nodes.map((i) => g.nodes[i].id), ["hub", "n00", "n01", "n02", "n03"])
})

test("filterNodes: every word, case and width folded, best matches first", () => {
  assert.equal(filterNodes(graph.nodes, "  "), null)
  assert.deepEqual(ids(filterNodes(graph.nodes, "容器")), ["a/#t", "a/"])
  assert.deepEqual(ids(filterNodes(graph.nodes, "ＰＯＤ")), ["b/"])
  assert.deepEqual(ids(filterNodes(graph.nodes, "pod 详")), ["b/"])
  assert.deepEqual(ids(filterNodes(graph.nodes, "s")), ["c/", "d/"])
  assert.deepEqual(filterNodes(graph.nodes, "zzz"), [])
  assert.equal(normalise(" A\tＢ "), "a b")
})

test("colourVariable: by category index, wrapping, one colour for none", () => {
  assert.equal(colourVariable(0), "--kb-graph-c0")
  assert.equal(colourVariable(13), "--kb-graph-c1")
  assert.equal(colourVariable(-1), "--kb-graph-other")
  assert.equal(colourVariable(undefined), "--kb-graph-other")
})

test("escapeHtml and nodeHref", () => {
  assert.equal(escapeHtml(`<b a="1">'&`), "&lt;b a=&quot;1&quot;&gt;&#39;&amp;")
  assert.equal(nodeHref("http://h/kb/", { id: "a/#t" }), "http://h/kb/a/#t")
  assert.equal(nodeHref("file:///x/site/", { id: "docker/c.html#%E5%AE%B9" }), "file:///x/site/docker/c.html#%E5%AE%B9")
})
