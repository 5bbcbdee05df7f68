// Loading, on demand only: the graph data and the vendored drawing library are fetched the first
// time a page shows a graph, never on the other pages. Classic script tags, so that both work
// from file:// too (where fetch() and module scripts are refused).

const scripts = new Map()

export function loadScript(src) {
  if (!scripts.has(src))
    scripts.set(
      src,
      new Promise((resolve, reject) => {
        const script = document.createElement("script")
        script.src = src
        script.async = true
        script.onload = () => resolve()
        script.onerror = () => {
          scripts.delete(src) // let a later page try again
          reject(new Error(`could not load ${src}`))
        }
        document.head.appendChild(script)
      })
    )
  return scripts.get(src)
}

let data = null

// The graph written at build time: assets/kb-graph.json over HTTP, its script twin from file://.
export function loadData(root, version) {
  if (window.__kbGraphData) return Promise.resolve(window.__kbGraphData)
  if (!data) {
    const query = version ? `?v=${encodeURIComponent(version)}` : ""
    data =
      location.protocol === "file:"
        ? loadScript(new URL(`assets/kb-graph.js${query}`, root).href).then(() => window.__kbGraphData)
        : fetch(new URL(`assets/kb-graph.json${query}`, root)).then((response) => {
            if (!response.ok) throw new Error(`graph data: HTTP ${response.status}`)
            return response.json()
          })
    data.catch(() => (data = null))
  }
  return data
}

// force-graph (make vendor puts it in overrides/assets/vendor/; no CDN fallback).
export function loadLibrary(root) {
  if (window.ForceGraph) return Promise.resolve(window.ForceGraph)
  return loadScript(new URL("assets/vendor/force-graph.min.js", root).href).then(() => window.ForceGraph)
}
