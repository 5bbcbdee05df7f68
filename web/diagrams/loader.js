/*
 * Mermaid from this site's own copy, loaded only when a page has a diagram.
 *
 * Material renders `pre.mermaid` blocks with the global `mermaid` when it exists (and
 * otherwise fetches Mermaid from a CDN, which an offline copy or a closed network cannot
 * reach). This stand-in is that global: Material calls initialize() and render() on it;
 * the first render() loads assets/vendor/mermaid.min.js (put there by `make vendor`; the
 * build fails without it) and forwards to it. Material puts each SVG in a closed shadow
 * root and passes that root to the render result's callback: we use it to lay the diagram
 * out readably (figure.js).
 *
 * window.__kbDiagrams counts rendered and failed diagrams so that tests can see the result.
 */
import { attachDiagram } from "./figure.js"

function inject(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = src
    script.onload = resolve
    script.onerror = () => reject(new Error("无法加载 " + src))
    document.head.appendChild(script)
  })
}

/** Install the stand-in `window.mermaid`; `mermaidUrl` is the site's own copy. */
export function installMermaid(mermaidUrl) {
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element))
    return
  let settings = null
  let loading = null
  const stats = (window.__kbDiagrams = { rendered: 0, failed: [] })

  function load() {
    if (!loading)
      loading = inject(mermaidUrl).then(() => {
        const real = window.mermaid
        window.mermaid = stub // keep answering Material's calls ourselves
        if (settings)
          real.initialize(settings)
        return real
      })
    return loading
  }

  const stub = {
    initialize(options) {
      settings = options
    },
    render(id, text) {
      return load()
        .then(real => real.render(id, text))
        .then(result => {
          stats.rendered++
          const own = result.fn // Material calls fn(root) when present; Mermaid 11 has none
          return {
            ...result,
            fn(root) {
              if (own)
                own(root)
              attachDiagram(root, result.svg)
            },
          }
        }, error => {
          stats.failed.push(id + ": " + String((error && error.message) || error))
          throw error
        })
    },
  }
  window.mermaid = stub
}
