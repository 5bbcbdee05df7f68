/*
 * kb-search: the search engine behind Material's search UI, for Chinese,
 * English and mixed queries typed without spaces. Entry of the bundle
 * assets/javascripts/search.js (hooks/bundle.py).
 *
 * Material's main bundle fetches search/search_index.json and talks to this
 * worker with its message types; the result format is Material's, so the
 * search box, result list, highlighting, suggestions and keyboard handling
 * all stay Material's. The modules, by concern:
 *
 *   text.js      normalising and tokenising
 *   query.js     query understanding (segmentation, run-together words)
 *   index.js     loading the index into the structures the scorer reads
 *   score.js     ranking and Material's result format
 *   snippets.js  highlighting and teasers
 *
 * The pure functions are exposed as `KBSearch` for tests and for the
 * file:// stand-in in overrides/main.html, which runs the engine on the
 * page (browsers refuse workers there) and calls KBSearch.handle.
 */

import { normalize, compact, stem, units, tokenize, distance } from "./text.js"
import { segmentHan, breakLatin, analyze } from "./query.js"
import { highlighter, mark, blocks, teaser } from "./snippets.js"
import { Index, fetchLoader, scriptLoader, decode, floor } from "./index.js"
import { search, queryTerms } from "./score.js"

/* Message types, as in Material's search worker protocol */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

const global = typeof self !== "undefined" ? self : globalThis

/* Where this script was loaded from: the shards are in search/kb/ beside assets/ */
const SCRIPT = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src
  : global.location ? global.location.href : ""

/** The loader for this context: fetch in a worker or over HTTP, script tags on file://. */
export function loaderFor(build, script = SCRIPT) {
  const base = new URL("../../search/kb/", script).href
  if (typeof document !== "undefined" && base.startsWith("file:"))
    return scriptLoader(base, build, document, global)
  return fetchLoader(base, build)
}

let current = null     /* a promise of the Index */
let latest = 0

/**
 * The manifest as a worker fetches it on its own, before Material's SETUP:
 * search/kb/m.json beside the shards (revalidated: its name carries no build).
 */
export function fetchManifest(script = SCRIPT, name = "m") {
  return fetch(new URL(`../../search/kb/${name}.json`, script).href, { cache: "no-cache" }).then(res => {
    if (!res.ok)
      throw new Error(`kb-search: manifest: HTTP ${res.status}`)
    return res.json()
  })
}

/**
 * Start the engine from a manifest (a promise): the Index, once the manifest
 * is there. A worker starts it as soon as its script runs (see below), so
 * that READY does not wait for Material's page to fetch search_index.json
 * and post it, which on a slow phone waits for all of Material's start-up.
 */
export function start(manifest, load, options) {
  current = Promise.resolve(manifest).then(m => new Index(m, load || loaderFor(m.build), options))
  return current
}

/**
 * Answer one of Material's messages; a promise of the reply, or of null
 * for a query overtaken by a newer one while it waited for shards.
 */
export async function handle(message, load) {
  switch (message.type) {
    case SETUP: {
      const kb = message.data.config && message.data.config.kb
      if (!kb)
        throw new TypeError("kb-search: search_index.json has no manifest (hooks/search.py did not run)")
      const options = message.data.options
      if (!kb.manifest) {
        start(kb, load, options)  /* the whole manifest in the index (tests, older builds) */
      } else {
        let started = null
        try {
          started = await current
        } catch (err) {
          started = null  /* the worker's own fetch failed: load it as Material's index says */
        }
        if (!started || started.build !== kb.build) {
          /* not started yet (file://, a page) or from another build: load the manifest shard */
          const loader = load || loaderFor(kb.build)
          start(loader(kb.manifest), loader, options)
        }
      }
      const index = await current
      index.options = options || {}
      return { type: READY }
    }
    case QUERY: {
      const ticket = ++latest
      try {
        const data = await search(await current, message.data)
        return ticket === latest ? { type: RESULT, data } : null
      } catch (err) {
        console.warn(`kb-search: query failed: ${message.data}`, err)
        return ticket === latest ? { type: RESULT, data: { items: [] } } : null
      }
    }
    default:
      throw new TypeError("Invalid message type")
  }
}

global.KBSearch = {
  normalize, compact, stem, units, tokenize, segmentHan, breakLatin, distance, analyze,
  highlighter, mark, blocks, teaser, Index, search, handle, decode, floor, queryTerms
}

/* Only act as a worker where there is no DOM (or under the iframe shim) */
const isWorker = typeof WorkerGlobalScope !== "undefined" && global instanceof WorkerGlobalScope
const isShim = typeof parent !== "undefined" && parent !== global && "IFrameWorker" in parent
if (isWorker || isShim) {
  global.addEventListener("message", ev => {
    handle(ev.data).then(reply => { if (reply) postMessage(reply) })
  })
  /* Start at once from the manifest shard; Material's SETUP then finds the engine ready */
  if (isWorker && !SCRIPT.startsWith("file:"))
    start(fetchManifest()).then(() => postMessage({ type: READY }), err => {
      current = null
      console.warn("kb-search: the manifest could not be fetched; waiting for Material's index", err)
    })
}
