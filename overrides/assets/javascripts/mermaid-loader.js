/*
 * Mermaid diagrams from this site's own copy, loaded only when a page has one.
 *
 * Material renders `pre.mermaid` blocks with the global `mermaid` when it
 * exists and otherwise fetches Mermaid from a CDN, which an offline copy or a
 * closed network cannot reach. This stand-in is that global: Material calls
 * initialize() and render() on it; the first render() loads
 * assets/vendor/mermaid.min.js (put there by `make vendor`, not committed),
 * falling back to the CDN when the local copy is absent, and forwards to it.
 *
 * window.__kbDiagrams counts rendered and failed diagrams so that tests can
 * see the result: Material puts each SVG in a closed shadow root.
 */
(function () {
  "use strict"
  if (typeof window.mermaid !== "undefined")
    return

  var here = document.currentScript && document.currentScript.src
  var local = new URL("../vendor/mermaid.min.js", here || location.href).href
  var cdn = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
  var settings = null
  var loading = null
  var stats = window.__kbDiagrams = { rendered: 0, failed: [] }

  function inject(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = src
      script.onload = resolve
      script.onerror = reject
      document.head.appendChild(script)
    })
  }

  function load() {
    if (!loading)
      loading = inject(local)
        .catch(function () { return inject(cdn) })
        .then(function () {
          var real = window.mermaid
          window.mermaid = stub  /* keep answering Material's calls ourselves */
          if (settings)
            real.initialize(settings)
          return real
        })
    return loading
  }

  var stub = {
    initialize: function (options) {
      settings = options
    },
    render: function (id, text) {
      return load()
        .then(function (real) { return real.render(id, text) })
        .then(function (result) {
          stats.rendered++
          return result
        }, function (error) {
          stats.failed.push(id + ": " + String(error && error.message || error))
          throw error
        })
    }
  }
  window.mermaid = stub
})()
