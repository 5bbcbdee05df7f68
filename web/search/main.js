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
import { Index } from "./index.js"
import { search } from "./score.js"

/* Message types, as in Material's search worker protocol */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

let current = null

export function handle(message) {
  switch (message.type) {
    case SETUP:
      current = new Index(message.data.docs, message.data.options)
      return { type: READY }
    case QUERY:
      try {
        return { type: RESULT, data: search(current, message.data) }
      } catch (err) {
        console.warn(`kb-search: query failed: ${message.data}`, err)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

const global = typeof self !== "undefined" ? self : globalThis
global.KBSearch = {
  normalize, compact, stem, units, tokenize, segmentHan, breakLatin, distance, analyze,
  highlighter, mark, blocks, teaser, Index, search, handle
}

/* Only act as a worker where there is no DOM (or under the iframe shim) */
const isWorker = typeof WorkerGlobalScope !== "undefined" && global instanceof WorkerGlobalScope
const isShim = typeof parent !== "undefined" && parent !== global && "IFrameWorker" in parent
if (isWorker || isShim)
  global.addEventListener("message", ev => {
    postMessage(handle(ev.data))
  })
