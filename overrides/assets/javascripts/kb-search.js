/*
 * kb-search: the search engine behind Material's search UI, for Chinese,
 * English and mixed queries typed without spaces.
 *
 * Material's main bundle fetches search/search_index.json (Material's schema)
 * and talks to this worker with its four message types; the result format is
 * Material's, so the search box, result list, highlighting, suggestions and
 * keyboard handling all stay Material's. What changes is underneath:
 *
 * - One tokenizer for index and query: Han runs become character bigrams
 *   (and unigrams), Latin runs become lower-case words with a light plural
 *   rule applied on both sides, identifiers joined by `_ . -` are kept whole
 *   as well as split. Latin next to Han is always split.
 * - Scoring per section: BM25 over title and text, a bonus when a whole Han
 *   run (or the whole query, spaces ignored) occurs literally, and a
 *   coverage factor so that sections matching most of the query win and
 *   single-character noise is dropped.
 *
 * Pure functions are exposed as `self.KBSearch` so tests can call them.
 * Plain ES2017+, no dependencies, no importScripts (works under the
 * iframe-worker shim of offline builds too).
 */
(function (global) {
  "use strict"

  /* Message types, as in Material's search worker protocol */
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  const HAN_RUN = "\\p{Script=Han}+"
  const LATIN = "[0-9A-Za-z\\u00C0-\\u024F]+"
  const COMPOUND = `${LATIN}(?:[_.\\-]${LATIN})*`
  const TOKEN_RE = new RegExp(`(${HAN_RUN})|(${COMPOUND})`, "gu")
  const ZWSP_RE = /\u200b/g

  const TITLE_WEIGHT = 4
  const K1 = 1.2
  const B = 0.5

  /* ------------------------------------------------------------------------
   * Text normalisation and tokenisation
   * --------------------------------------------------------------------- */

  /** Full-width to half-width, lower case, no zero-width spaces. */
  function normalize(value) {
    return value.normalize("NFKC").replace(ZWSP_RE, "").toLowerCase()
  }

  /** Text without markup and entities, for literal (phrase) matching. */
  function plain(html) {
    return html
      .replace(/<[^>]*>/g, " ")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, "\"").replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, "&")
  }

  /** Text as compared literally: normalised, whitespace removed. */
  function compact(value) {
    return normalize(value).replace(/\s+/g, "")
  }

  /** The same light English rule on both sides: plural `s`/`ies`. */
  function stem(word) {
    if (!/^[a-z]+$/.test(word) || word.length < 4)
      return word
    if (word.endsWith("ies") && word.length > 4)
      return word.slice(0, -3) + "y"
    if (word.endsWith("s") && !/(ss|us|is)$/.test(word))
      return word.slice(0, -1)
    return word
  }

  /**
   * Split text into units: Han runs and Latin words/identifiers.
   * Returns [{kind: "han"|"latin", text}] with `text` normalised.
   */
  function units(value) {
    const out = []
    const text = normalize(value)
    TOKEN_RE.lastIndex = 0
    let match
    while ((match = TOKEN_RE.exec(text)) !== null)
      out.push(match[1]
        ? { kind: "han", text: match[1] }
        : { kind: "latin", text: match[2] })
    return out
  }

  /** Index terms of one Latin word or identifier. */
  function latinTerms(word) {
    const parts = word.split(/[_.\-]/).filter(Boolean)
    if (parts.length === 1)
      return [stem(word)]
    return [word, ...parts.map(stem)]
  }

  /** Index terms of one Han run: every character and every bigram. */
  function hanTerms(run) {
    const chars = Array.from(run)
    const out = []
    for (let i = 0; i < chars.length; i++) {
      out.push(chars[i])
      if (i + 1 < chars.length)
        out.push(chars[i] + chars[i + 1])
    }
    return out
  }

  /** All index terms of a text, in order (with repetitions). */
  function tokenize(value) {
    const out = []
    for (const unit of units(value))
      out.push(...(unit.kind === "han" ? hanTerms(unit.text) : latinTerms(unit.text)))
    return out
  }

  /* ------------------------------------------------------------------------
   * Query analysis
   * --------------------------------------------------------------------- */

  /**
   * Turn a query into scoring units. Each unit has `key` (what Material
   * shows and highlights on the target page), `terms` (required index
   * terms, any of which counts), `weight`, and for Latin words a `prefix`
   * to expand against the vocabulary.
   */
  function analyze(query) {
    const out = []
    for (const unit of units(query)) {
      if (unit.kind === "han") {
        const chars = Array.from(unit.text)
        const terms = chars.length === 1
          ? [unit.text]
          : chars.slice(0, -1).map((c, i) => c + chars[i + 1])
        out.push({
          kind: "han", key: unit.text, terms,
          weight: 1 + 0.25 * Math.max(0, chars.length - 2)
        })
      } else {
        const parts = unit.text.split(/[_.\-]/).filter(Boolean)
        if (parts.length > 1)
          out.push({
            kind: "ident", key: unit.text, terms: [unit.text],
            parts: parts.map(stem), weight: 1.5
          })
        else
          out.push({
            kind: "latin", key: unit.text, terms: [stem(unit.text)],
            prefix: unit.text.length >= 2 ? unit.text : null, weight: 1
          })
      }
    }
    return out
  }

  /* ------------------------------------------------------------------------
   * Highlighting
   * --------------------------------------------------------------------- */

  function escapeRegExp(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  /** A matcher for the given highlight strings, or null. */
  function highlighter(strings) {
    const parts = [...new Set(strings)].filter(Boolean)
      .sort((a, b) => b.length - a.length)
      .map(s => /^[0-9a-z\u00C0-\u024F]/.test(s)
        ? `(?<![0-9A-Za-z\\u00C0-\\u024F])${escapeRegExp(s)}[0-9A-Za-z_]*`
        : Array.from(s).map(escapeRegExp).join("\\u200b?"))
    return parts.length ? new RegExp(parts.join("|"), "giu") : null
  }

  /** Wrap matches in <mark>, touching text only (never tags or entities). */
  function mark(html, re) {
    if (!re)
      return html
    return html.replace(/(<[^>]*>|&[#a-zA-Z0-9]+;)|([^<&]+|&)/g, (all, tag, text) =>
      tag ? tag : text.replace(re, m => `<mark>${m}</mark>`))
  }

  /** Top-level blocks of an HTML fragment (paragraphs, list items, code). */
  function blocks(html) {
    const out = []
    let depth = 0, start = 0
    const re = /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>/g
    let m
    while ((m = re.exec(html)) !== null) {
      if (m[3])
        continue
      if (!m[1]) {
        if (depth === 0 && m.index > start && html.slice(start, m.index).trim())
          out.push(html.slice(start, m.index))
        if (depth++ === 0)
          start = m.index
      } else if (depth > 0 && --depth === 0) {
        out.push(html.slice(start, re.lastIndex))
        start = re.lastIndex
      }
    }
    if (html.slice(start).trim())
      out.push(html.slice(start))
    return out
  }

  /** Teaser: up to two blocks with matches, else the first block. */
  function teaser(html, re) {
    const all = blocks(html)
    if (!re)
      return all.slice(0, 1).join("")
    const hits = []
    for (const block of all) {
      const marked = mark(block, re)
      if (marked.length !== block.length)
        hits.push(marked)
      if (hits.length === 2)
        break
    }
    return (hits.length ? hits : all.slice(0, 1)).join("")
  }

  /* ------------------------------------------------------------------------
   * Index
   * --------------------------------------------------------------------- */

  class Index {
    constructor(docs, options) {
      this.options = options || {}
      this.docs = []
      this.postings = new Map()        /* term -> [doc, tfTitle, tfText, ...] */
      this.words = new Map()           /* Latin word as written -> doc freq */
      this.hanWords = new Map()        /* jieba word (from index) -> freq */
      const articles = new Map()
      let totalTitle = 0, totalText = 0
      for (const source of docs) {
        const [path] = source.location.split("#")
        const id = this.docs.length
        const parent = articles.get(path)
        if (parent === undefined)
          articles.set(path, id)
        const title = source.title || ""
        const text = source.text || ""
        const tags = Array.isArray(source.tags) ? source.tags.join(" ") : ""
        const doc = {
          location: source.location,
          title: title.replace(ZWSP_RE, ""),
          text: text.replace(ZWSP_RE, ""),
          tags: source.tags,
          boost: typeof source.boost === "number" ? source.boost : 1,
          parent: parent === undefined ? -1 : parent,
          article: parent === undefined ? id : parent,
          plainTitle: compact(plain(title)),
          plainText: compact(plain(text))
        }
        this.docs.push(doc)
        const titleTerms = tokenize(plain(title) + " " + tags)
        const textTerms = tokenize(plain(text))
        doc.lenTitle = titleTerms.length
        doc.lenText = textTerms.length
        totalTitle += doc.lenTitle
        totalText += doc.lenText
        const counts = new Map()
        for (const term of titleTerms) {
          const c = counts.get(term) || [0, 0]
          c[0]++
          counts.set(term, c)
        }
        for (const term of textTerms) {
          const c = counts.get(term) || [0, 0]
          c[1]++
          counts.set(term, c)
        }
        for (const [term, [a, b]] of counts) {
          let list = this.postings.get(term)
          if (list === undefined)
            this.postings.set(term, list = [])
          list.push(id, a, b)
        }
        for (const unit of units(plain(title) + " " + plain(text)))
          if (unit.kind === "latin")
            this.words.set(unit.text, (this.words.get(unit.text) || 0) + 1)
        for (const word of (title + "\u200b" + text).split(/[\u200b\s]+/))
          if (/^\p{Script=Han}{2,}$/u.test(word))
            this.hanWords.set(word, (this.hanWords.get(word) || 0) + 1)
      }
      const n = Math.max(1, this.docs.length)
      this.avgTitle = Math.max(1, totalTitle / n)
      this.avgText = Math.max(1, totalText / n)
      this.vocabulary = [...this.postings.keys()]
        .filter(t => /^[0-9a-z]/.test(t)).sort()
    }

    idf(term) {
      const list = this.postings.get(term)
      const df = list ? list.length / 3 : 0
      const n = this.docs.length
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

    /** Add BM25 contributions of `term` (times `weight`) for unit `u`. */
    accumulate(scores, term, weight, u, nunits) {
      const list = this.postings.get(term)
      if (!list)
        return false
      const idf = this.idf(term)
      for (let i = 0; i < list.length; i += 3) {
        const id = list[i], tfTitle = list[i + 1], tfText = list[i + 2]
        const doc = this.docs[id]
        const st = tfTitle
          ? tfTitle * (K1 + 1) / (tfTitle + K1 * (1 - B + B * doc.lenTitle / this.avgTitle))
          : 0
        const sx = tfText
          ? tfText * (K1 + 1) / (tfText + K1 * (1 - B + B * doc.lenText / this.avgText))
          : 0
        let entry = scores.get(id)
        if (entry === undefined)
          scores.set(id, entry = { score: 0, hits: new Array(nunits).fill(null).map(() => new Set()) })
        entry.score += weight * idf * (TITLE_WEIGHT * st + sx)
        entry.hits[u].add(term)
      }
      return true
    }

    /** Ranked, grouped result in Material's format. */
    search(query) {
      const analyzed = analyze(query)
      if (!analyzed.length)
        return { items: [] }
      const scores = new Map()
      const highlights = analyzed.map(() => [])
      analyzed.forEach((unit, u) => {
        const share = unit.weight / unit.terms.length
        for (const term of unit.terms)
          this.accumulate(scores, term, share, u, analyzed.length)
        if (unit.kind === "ident")
          for (const part of unit.parts)
            this.accumulate(scores, part, 0.3 / unit.parts.length, u, analyzed.length)
        if (unit.prefix)
          for (const term of this.expand(stem(unit.prefix)))
            this.accumulate(scores, term, 0.4, u, analyzed.length)
      })

      const whole = compact(query)
      const results = []
      let best = 0
      for (const [id, entry] of scores) {
        const doc = this.docs[id]
        let covered = 0, total = 0, bonus = 0
        const terms = {}
        analyzed.forEach((unit, u) => {
          const hits = entry.hits[u]
          let fraction
          if (unit.kind === "han") {
            const inTitle = doc.plainTitle.includes(unit.key)
            const inText = doc.plainText.includes(unit.key)
            fraction = inTitle || inText
              ? 1
              : unit.terms.filter(t => hits.has(t)).length / unit.terms.length
            if (unit.terms.length > 1 || unit.key.length > 1) {
              const idf = unit.terms.reduce((s, t) => s + this.idf(t), 0) / unit.terms.length
              bonus += idf * unit.weight * ((inTitle ? 3 : 0) + (inText ? 1.5 : 0))
            }
          } else if (unit.kind === "ident") {
            fraction = hits.has(unit.key)
              ? 1
              : unit.parts.filter(t => hits.has(t)).length / unit.parts.length * 0.6
          } else {
            fraction = hits.has(unit.terms[0]) ? 1 : hits.size ? 0.7 : 0
          }
          terms[unit.key] = fraction >= 0.5
          covered += unit.weight * fraction
          total += unit.weight
        })
        if (analyzed.length > 1 && whole.length > 1) {
          if (doc.plainTitle.includes(whole)) bonus += 8
          else if (doc.plainText.includes(whole)) bonus += 4
        }
        const coverage = covered / total
        const score = (entry.score + bonus) * (0.15 + coverage * coverage) * doc.boost
        results.push({ id, score, coverage, terms, hits: entry.hits })
        if (score > best)
          best = score
      }

      /* Precision: drop weak partial matches when better ones exist */
      const maxCoverage = results.reduce((m, r) => Math.max(m, r.coverage), 0)
      const kept = results
        .filter(r => r.coverage >= Math.min(0.5, maxCoverage * 0.6) && r.score >= best * 0.02)
        .sort((a, b) => b.score - a.score)

      /* Group by page, best group first; sections ordered by score */
      const groups = new Map()
      for (const r of kept) {
        const doc = this.docs[r.id]
        const list = groups.get(doc.article) || []
        list.push(r)
        groups.set(doc.article, list)
      }
      const items = []
      for (const [article, list] of groups) {
        if (!list.some(r => r.id === article))
          list.push({ id: article, score: 0, terms: {}, hits: null })
        items.push(list.map(r => this.render(r, analyzed)))
        if (items.length >= 100)
          break
      }
      const out = { items }
      if (this.options.suggest)
        out.suggest = this.suggest(query)
      return out
    }

    /** One result document with highlighted title and teaser. */
    render(r, analyzed) {
      const doc = this.docs[r.id]
      const strings = []
      if (r.hits)
        analyzed.forEach((unit, u) => {
          if (unit.kind === "han") {
            if (doc.plainTitle.includes(unit.key) || doc.plainText.includes(unit.key))
              strings.push(unit.key)
            else
              strings.push(...[...r.hits[u]].filter(t => t.length > 1 || unit.key.length === 1))
          } else if (unit.kind === "ident") {
            strings.push(...(r.hits[u].has(unit.key) ? [unit.key] : r.hits[u]))
          } else {
            strings.push(...r.hits[u])
          }
        })
      const re = highlighter(strings)
      const item = {
        location: doc.location,
        title: mark(doc.title, re),
        text: teaser(doc.text, re),
        score: r.score,
        terms: r.terms
      }
      if (doc.tags)
        item.tags = [...doc.tags]
      return item
    }

    /** Completion of the last word of the query, as Material expects. */
    suggest(query) {
      const words = query.split(/[\s-]+/)
      const last = words[words.length - 1]
      if (!last)
        return []
      const tail = /(\p{Script=Han}+|[0-9A-Za-z]+)$/u.exec(last)
      if (!tail)
        return []
      const stub = tail[1].toLowerCase()
      let bestWord = null, bestFreq = 0
      const source = /^[0-9a-z]/.test(stub) ? this.words : this.hanWords
      for (const [word, freq] of source)
        if (word.length > stub.length && word.startsWith(stub) && freq > bestFreq) {
          bestWord = word
          bestFreq = freq
        }
      return bestWord ? [last + bestWord.slice(stub.length)] : []
    }
  }

  /* ------------------------------------------------------------------------
   * Worker protocol
   * --------------------------------------------------------------------- */

  let index = null

  function handle(message) {
    switch (message.type) {
      case SETUP:
        index = new Index(message.data.docs, message.data.options)
        return { type: READY }
      case QUERY:
        try {
          return { type: RESULT, data: index.search(message.data) }
        } catch (err) {
          console.warn(`kb-search: query failed: ${message.data}`, err)
          return { type: RESULT, data: { items: [] } }
        }
      default:
        throw new TypeError("Invalid message type")
    }
  }

  global.KBSearch = {
    normalize, compact, stem, units, tokenize, analyze, highlighter, mark, blocks, teaser, Index, handle
  }

  /* Only act as a worker where there is no DOM (or under the iframe shim) */
  const isWorker = typeof WorkerGlobalScope !== "undefined" && global instanceof WorkerGlobalScope
  const isShim = typeof parent !== "undefined" && parent !== global && "IFrameWorker" in parent
  if (isWorker || isShim)
    global.addEventListener("message", ev => {
      postMessage(handle(ev.data))
    })
})(typeof self !== "undefined" ? self : globalThis)
