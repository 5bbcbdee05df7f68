/*
 * Index loading: the sharded index written by hooks/search.py
 * (hooks/kb/searchshards.py), loaded piece by piece as queries need it.
 *
 * - The manifest, the shard "m" (main.js: the worker fetches it when it
 *   starts; Material's SETUP names it): document count, documents per page,
 *   the Latin vocabulary, jieba's Han words, synonym groups and where the
 *   shards begin. Nothing else is loaded before the first query.
 * - Term shards hold postings [doc delta, title weight, text weight] of Latin
 *   words and identifiers and of Han characters and bigrams, in term order;
 *   a term in very many documents keeps its best postings only, and its
 *   document count under "#".
 * - Document shards hold runs of consecutive documents (location, title,
 *   text, tags, boost); only the candidates a query ranks are loaded.
 *
 * `load(name)` returns a promise of a shard's data: fetch over HTTP, a script
 * tag on file:// (see loaders below).
 */

import { normalize, plain, stem, units, distance, unescape, latinTerms, ZWSP_RE, SPACE_RE, HAN } from "./text.js"
import { QUERY_WORDS } from "./query.js"
import { soundIndex, correctRun } from "./typos.js"

/** Index of the last element of sorted `keys` that is <= `key` (0 if none). */
export function floor(keys, key) {
  let lo = 0, hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid] <= key) lo = mid + 1; else hi = mid
  }
  return Math.max(0, lo - 1)
}

/**
 * Postings as stored ([delta, title×100, text×100, ...]) -> typed arrays:
 * `ids` (ascending), and per posting the `title` and `text` weights × 100
 * (the scorer divides by 100). 8 bytes a posting instead of 24 as numbers:
 * at 100x the pages a common character has tens of thousands.
 */
export function decode(stored) {
  const n = stored.length / 3
  const ids = new Int32Array(n), title = new Uint16Array(n), text = new Uint16Array(n)
  let id = 0
  for (let k = 0, i = 0; k < n; k++, i += 3) {
    id += stored[i]
    ids[k] = id
    title[k] = stored[i + 1]
    text[k] = stored[i + 2]
  }
  return { n, ids, title, text }
}

export class Index {
  constructor(manifest, load, options) {
    this.options = options || {}
    this.load = load
    this.build = manifest.build
    this.count = manifest.docs
    this.shardKeys = manifest.terms
    this.chunks = manifest.chunks
    this.shards = new Map()          /* shard name -> data (or a promise while loading) */
    this.postings = new Map()        /* term -> [doc, title, text, ...] or null */
    this.docs = new Map()            /* doc id -> document, once its shard is loaded */
    this.vocabulary = manifest.vocabulary
    this.vocab = new Set(manifest.vocabulary)
    this.words = new Map(Object.entries(manifest.words))
    this.hanWords = new Map(Object.entries(manifest.han))
    this.synonyms = new Map()
    for (const group of QUERY_WORDS)
      this.addSynonyms(group)
    /* Han names of the synonyms file are words a query may be split into: 「磁盘满」 */
    for (const name of manifest.names || [])
      if (!this.hanWords.has(name))
        this.hanWords.set(name, 1)
    /* the site's own list of colloquial names (docs/about/synonyms.yml): [what readers say, the site's word] */
    this.rewrites = (manifest.rewrites || []).slice().sort((a, b) => b[0].length - a[0].length)
    /* character -> its pinyin readings, for homophone typos */
    this.readings = new Map()
    for (const [syllable, chars] of Object.entries(manifest.pinyin || {}))
      for (const ch of chars) {
        const list = this.readings.get(ch) || []
        list.push(syllable)
        this.readings.set(ch, list)
      }
    this.sounds = null
    /* page starts: documents of a page are consecutive, the page itself first */
    this.starts = []
    let at = 0
    for (const n of manifest.pages) {
      this.starts.push(at)
      at += n
    }
    this.known = term => this.vocab.has(term) || !!this.list(term)
    this.knownWord = word => this.hanWords.has(word)
    this.isPrefix = word => this.expand(stem(word)).length > 0
    this.isTypo = word => this.similar(stem(word)).length > 0
  }

  /**
   * The query as the site would say it: colloquial names replaced by the
   * site's words, homophone typos in Han runs corrected. Needs the term
   * shards of the query's own terms (to know which character pairs the site
   * contains).
   */
  understand(query) {
    let text = normalize(query)
    for (const [from, to] of this.rewrites) {
      let at = text.indexOf(from)
      while (at !== -1) {
        const before = text[at - 1] || " ", after = text[at + from.length] || " "
        const latin = /[0-9a-z]/
        if (!(latin.test(from[0]) && latin.test(before)) && !(latin.test(from[from.length - 1]) && latin.test(after))) {
          text = `${text.slice(0, at)} ${to} ${text.slice(at + from.length)}`
          at += to.length + 2
        } else {
          at += from.length
        }
        at = text.indexOf(from, at)
      }
    }
    if (this.readings.size) {
      if (!this.sounds)
        this.sounds = soundIndex(this.hanWords, this.readings)
      text = text.replace(new RegExp(`[${HAN}]{2,}`, "g"), run => correctRun(
        run, this.readings, this.sounds, w => this.hanWords.has(w), pair => !!this.list(pair)))
    }
    return text === normalize(query) ? query : text
  }

  /** Other names of a query word: from the term shard its key sorts into (load it first), and the fixed ones. */
  othersOf(key) {
    const out = new Set(this.synonyms.get(key) || [])
    const shard = this.shards.get(this.termShard(key))
    if (shard && !(shard instanceof Promise) && shard[""] && Object.prototype.hasOwnProperty.call(shard[""], key))
      for (const name of shard[""][key])
        out.add(name)
    return [...out]
  }

  /** Load shards by name (once each). */
  async need(names) {
    const waiting = []
    for (const name of new Set(names)) {
      let got = this.shards.get(name)
      if (got === undefined) {
        /* a term shard is our own copy: its lists are dropped once decoded (see list) */
        got = this.load(name).then(data => {
          const own = Array.isArray(data) ? data : Object.assign({}, data)
          this.shards.set(name, own)
          return own
        })
        this.shards.set(name, got)
      }
      if (got instanceof Promise)
        waiting.push(got)
    }
    await Promise.all(waiting)
  }

  termShard(term) {
    return `t${floor(this.shardKeys, term)}`
  }

  /** Load the term shards holding `terms`. */
  needTerms(terms) {
    return this.need([...terms].map(t => this.termShard(t)))
  }

  /** Load the documents `ids` (and their pages' own documents). */
  needDocs(ids) {
    return this.need(ids.flatMap(id => this.docShards(id)))
  }

  /** The document shards a document needs: its own and its page's. */
  docShards(id) {
    return [`d${floor(this.chunks, id)}`, `d${floor(this.chunks, this.article(id))}`]
  }

  /**
   * Of `ids` (best first), those whose documents can be had with at most
   * `budget` shards not requested yet: the first `first` always, then any
   * whose shards are among those. A page's sections share a shard, so on a
   * small site most candidates come for a few requests; on a large one each
   * candidate costs one.
   */
  affordable(ids, first, budget) {
    const fresh = new Set()
    const out = []
    ids.forEach((id, i) => {
      const missing = [...new Set(this.docShards(id))].filter(n => !this.shards.has(n) && !fresh.has(n))
      if (i < first || fresh.size + missing.length <= budget) {
        missing.forEach(n => fresh.add(n))
        out.push(id)
      }
    })
    return out
  }

  /** Whether a document and its page's own document are loaded. */
  hasDoc(id) {
    return this.doc(id) !== undefined && this.doc(this.article(id)) !== undefined
  }

  /** The decoded postings of a term (see decode), or null (also while its shard is not loaded). */
  list(term) {
    let found = this.postings.get(term)
    if (found !== undefined)
      return found
    const shard = this.shards.get(this.termShard(term))
    if (!shard || shard instanceof Promise)
      return null
    found = shard[term] ? decode(shard[term]) : null
    if (found && shard["#"] && shard["#"][term])
      found.df = shard["#"][term]  /* a capped list (the best postings only): the documents it is in */
    if (found)
      delete shard[term]  /* decoded once (the cache below answers from now on): the stored list can go */
    this.postings.set(term, found)
    return found
  }

  /** The page document of a document id. */
  article(id) {
    return this.starts[floor(this.starts, id)]
  }

  /** Ids of the sections of the page whose own document is `id`. */
  children(id) {
    const p = floor(this.starts, id)
    const end = p + 1 < this.starts.length ? this.starts[p + 1] : this.count
    const out = []
    for (let i = id + 1; i < end; i++)
      out.push(i)
    return out
  }

  /** A loaded document with its normalised fields, or undefined. */
  doc(id) {
    let doc = this.docs.get(id)
    if (doc !== undefined)
      return doc
    const c = floor(this.chunks, id)
    const shard = this.shards.get(`d${c}`)
    if (!shard || shard instanceof Promise)
      return undefined
    /* hidden: plain text matched but not shown (the 「别名」 line, correction boxes) */
    const [location, title, text, tags, boost, hidden] = shard[id - this.chunks[c]]
    doc = {
      location,
      title: title.replace(ZWSP_RE, ""),
      text: text.replace(ZWSP_RE, ""),
      tags: tags || undefined,
      boost: typeof boost === "number" ? boost : 1,
      article: this.article(id),
      plainTitle: normalize(plain(title)).replace(SPACE_RE, ""),   /* for literal matches */
      plainText: normalize(plain(text) + (hidden ? " " + hidden : "")).replace(SPACE_RE, "")
    }
    this.docs.set(id, doc)
    return doc
  }

  /**
   * Names of one thing (a glossary term's name and aliases, a line of the
   * synonyms file): a name that is a single word or Han run stands for each
   * of the others (k8s, Kubernetes; 磁盘满, No space left on device).
   */
  addSynonyms(names) {
    const all = [...new Set(names.map(n => normalize(unescape(n)).trim()).filter(Boolean))]
    const keyOf = name => {
      const u = units(name)
      return u.length === 1 ? u[0].text : null
    }
    for (const name of all) {
      const key = keyOf(name)
      if (key === null)
        continue
      const others = this.synonyms.get(key) || new Set()
      for (const other of all)
        if (keyOf(other) !== key)
          others.add(keyOf(other) || other)
      this.synonyms.set(key, others)
    }
  }

  /** Index terms of another name of a term: Han bigrams (or the character), Latin words and identifiers. */
  static nameTerms(name) {
    const out = []
    for (const unit of units(name))
      if (unit.kind === "latin") {
        out.push(...latinTerms(unit.text))
      } else {
        const chars = Array.from(unit.text)
        out.push(...(chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => c + chars[i + 1])))
      }
    return out
  }

  idf(term) {
    const list = this.list(term)
    const df = list ? list.df || list.n : 0
    const n = this.count
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /** Latin index terms starting with `prefix` (excluding exact), at most 30. */
  expand(prefix) {
    const out = []
    let lo = 0, hi = this.vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.vocabulary[mid] < prefix) lo = mid + 1; else hi = mid
    }
    for (let i = lo; i < this.vocabulary.length && out.length < 30; i++) {
      const term = this.vocabulary[i]
      if (!term.startsWith(prefix))
        break
      if (term !== prefix)
        out.push(term)
    }
    return out
  }

  /** Latin index terms within a small edit distance of `word` (1 from 4 letters, 2 from 7), at most 5. */
  similar(word) {
    const limit = word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0
    if (!limit || !/^[a-z]+$/.test(word))
      return []
    return this.vocabulary
      .filter(t => Math.abs(t.length - word.length) <= limit && /^[a-z]+$/.test(t))
      .map(t => [t, distance(word, t, limit)])
      .filter(([, d]) => d <= limit)
      .sort((a, b) => a[1] - b[1])
      .slice(0, 5)
      .map(([t]) => t)
  }
}

/* ------------------------------------------------------------------------
 * Loaders
 * --------------------------------------------------------------------- */

/** Shards over HTTP, from `base` (the folder search/kb/ as an absolute URL). */
export function fetchLoader(base, build) {
  return name => fetch(`${base}${name}.json?v=${build}`).then(res => {
    if (!res.ok)
      throw new Error(`kb-search: ${name}: HTTP ${res.status}`)
    return res.json()
  })
}

/** Shards as scripts calling __kbShard(name, data): file://, where fetch is refused. */
export function scriptLoader(base, build, doc, global) {
  const waiting = new Map()
  global.__kbShard = (name, data) => {
    const w = waiting.get(name)
    if (w) {
      waiting.delete(name)
      w.resolve(data)
    }
  }
  return name => new Promise((resolve, reject) => {
    waiting.set(name, { resolve })
    const script = doc.createElement("script")
    script.src = `${base}${name}.js?v=${build}`
    script.onerror = () => reject(new Error(`kb-search: ${name}: not loaded`))
    script.onload = () => script.remove()
    doc.head.appendChild(script)
  })
}
