/*
 * kb-search: the search engine behind Material's search UI, for Chinese,
 * English and mixed queries typed without spaces.
 *
 * Material's main bundle fetches search/search_index.json (Material's schema)
 * and talks to this worker with its four message types; the result format is
 * Material's, so the search box, result list, highlighting, suggestions and
 * keyboard handling all stay Material's. What changes is underneath:
 *
 * - Latin next to Han is always split. Latin words are lower-cased with one
 *   light plural rule applied on both sides; identifiers joined by `_ . -`
 *   are kept whole as well as split; run-together words the index does not
 *   know are broken into words it knows (fencingtoken -> fencing token).
 *   Latin terms live in an inverted index built at setup.
 * - Han text is not indexed: each section's text is kept normalised and
 *   scanned at query time for the query's character bigrams (cached per
 *   bigram), which costs a few milliseconds and keeps setup fast. A Han
 *   query run is first split into words known to the index (jieba's words
 *   with the glossary dictionary, read from the index's zero-width spaces).
 * - Scoring per section: BM25 over the section's heading, its page's title
 *   and its text; a bonus when a whole word or the whole query occurs
 *   literally; and a coverage factor (query units weighted by rarity) so
 *   that sections matching most of the query win and partial matches on a
 *   single common character are dropped.
 *
 * Pure functions are exposed as `KBSearch` so tests (and the file:// stand-in
 * in overrides/main.html) can call them. Plain ES2017+, no dependencies, no
 * importScripts.
 */
(function (global) {
  "use strict"

  /* Message types, as in Material's search worker protocol */
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  const HAN = "\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF"
  const HAN_RUN = `[${HAN}]+`
  const LATIN = "[0-9A-Za-z\\u00C0-\\u024F]+"
  const COMPOUND = `${LATIN}(?:[_.\\-]${LATIN})*`
  const TOKEN_RE = new RegExp(`(${HAN_RUN})|(${COMPOUND})`, "gu")
  const ZWSP_RE = /\u200b/g
  const WIDE_RE = /[\u2460-\u24ff\u3000\uff01-\uffef]/   /* needs NFKC: full-width forms */
  /* a word of jieba's segmentation in the index: Han characters between zero-width spaces */
  const HAN_WORD_RE = new RegExp(`(?:^|[\\u200b\\s])([${HAN}]{2,})(?=[\\u200b\\s]|$)`, "g")
  const LATIN_RE = new RegExp(COMPOUND, "g")
  const SPACE_RE = /\s+/g
  const URL_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+/g
  /* the names of a glossary term, added to its section by hooks/search.py */
  const ALIASES_RE = /<p>别名：([^<]*)<\/p>/
  const HAN_TERM_RE = new RegExp(`^[${HAN}]{1,2}$`)

  const TITLE_WEIGHT = 4               /* a section's own heading */
  const ARTICLE_WEIGHT = 2.5           /* a page's title, for the page itself */
  const PAGE_WEIGHT = 1.5              /* a page's title, for each of its sections */
  const K1 = 1.2
  const B = 0.5

  /* ------------------------------------------------------------------------
   * Text normalisation and tokenisation
   * --------------------------------------------------------------------- */

  /** Full-width to half-width, lower case, no zero-width spaces. */
  function normalize(value) {
    if (WIDE_RE.test(value))
      value = value.normalize("NFKC")
    return value.replace(ZWSP_RE, "").toLowerCase()
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

  /* Words readers use for what headings call otherwise: 「…的区别」 for a section 「对比」 */
  const QUERY_WORDS = [["区别", "对比", "比较", "差异", "vs"], ["解压", "解包", "解压缩"]]

  /* Words that end in s without being plurals (https is not http) */
  const NO_STEM = new Set(["https", "ddos", "jenkins", "kubernetes", "postgres", "cors", "mbps", "gbps"])

  /** The same light English rule on both sides: plural `s`/`ies`. */
  function stem(word) {
    if (!/^[a-z]+$/.test(word) || word.length < 4 || NO_STEM.has(word))
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
    return [parts.join("_"), ...parts.map(stem)]
  }

  /**
   * Call `fn` with every term of a text, in order: each Han character and
   * character bigram, each Latin word (and an identifier whole and in
   * parts). The engine scans Han text instead of indexing it; this is the
   * tokenizer as a table, for tests and for reading.
   */
  function eachTerm(value, fn) {
    for (const unit of units(value))
      if (unit.kind === "han") {
        const run = unit.text
        for (let i = 0; i < run.length; i++) {
          fn(run[i])
          if (i + 1 < run.length)
            fn(run.slice(i, i + 2))
        }
      } else {
        for (const term of latinTerms(unit.text))
          fn(term)
      }
  }

  /** Edit distance with transpositions (optimal string alignment); stops early above `limit`. */
  function distance(a, b, limit) {
    let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const row = [i]
      let best = i
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d = Math.min(d, prev2[j - 2] + 1)
        row.push(d)
        best = Math.min(best, d)
      }
      if (best > limit)
        return limit + 1
      prev2 = prev
      prev = row
    }
    return prev[b.length]
  }

  /** Call `fn` with the Latin index terms of normalised text; count words into `words`, if given. */
  function eachLatin(text, fn, words) {
    LATIN_RE.lastIndex = 0
    let m
    while ((m = LATIN_RE.exec(text)) !== null) {
      for (const term of latinTerms(m[0]))
        fn(term)
      if (words)
        words.set(m[0], (words.get(m[0]) || 0) + 1)
    }
  }

  function unescape(html) {
    return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
  }

  /** How often `term` occurs in `text` (overlapping). */
  function occurrences(text, term) {
    let n = 0
    for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1))
      n++
    return n
  }

  /** All index terms of a text, in order (with repetitions), as strings. */
  function tokenize(value) {
    const out = []
    eachTerm(value, term => out.push(term))
    return out
  }

  /* ------------------------------------------------------------------------
   * Query analysis
   * --------------------------------------------------------------------- */

  /* Single Han characters that only join words in a query: 「进程和线程区别」 */
  const JOINERS = new Set(Array.from("和与的了是在及或跟同把被对从让给之"))

  /**
   * Split a Han run into words, preferring the longest words known to the
   * index (jieba's segmentation with the glossary dictionary, read from the
   * index). Unknown stretches stay together; joiner characters are dropped.
   */
  function segmentHan(run, known) {
    const chars = Array.from(run)
    const n = chars.length
    /* best[i]: [cost, previous cut] for chars[0..i) */
    const best = [[0, -1]]
    for (let i = 1; i <= n; i++) {
      best[i] = [Infinity, -1]
      for (let j = Math.max(0, i - 12); j < i; j++) {
        const piece = chars.slice(j, i).join("")
        const cost = i - j === 1 ? 2 : known(piece) ? 1 : Infinity
        if (best[j][0] + cost < best[i][0])
          best[i] = [best[j][0] + 1, j]
      }
    }
    const pieces = []
    for (let i = n; i > 0; i = best[i][1])
      pieces.unshift(chars.slice(best[i][1], i).join(""))
    /* Glue runs of unknown single characters back together */
    const out = []
    for (const piece of pieces) {
      const last = out[out.length - 1]
      if (piece.length === 1 && !JOINERS.has(piece) && last !== undefined && last.single)
        last.text += piece
      else
        out.push({ text: piece, single: piece.length === 1 && !JOINERS.has(piece) })
    }
    const words = out.filter(w => !(w.text.length === 1 && JOINERS.has(w.text))).map(w => w.text)
    return words.length ? words : [run]
  }

  /** Split a Latin word the index does not know into words it knows: fencingtoken. */
  function breakLatin(word, known, isPrefix, isTypo) {
    if (word.length < 2 || known(stem(word)) || (isPrefix && isPrefix(word)) || (isTypo && isTypo(word)))
      return null
    const n = word.length
    const best = [[0, -1]]
    for (let i = 1; i <= n; i++) {
      best[i] = [Infinity, -1]
      for (let j = 0; j < i; j++) {
        const piece = word.slice(j, i)
        /* Pieces of 2+ characters; single letters only in a short word: 「AB测试」 is 「A/B 测试」 */
        const ok = piece.length >= 2 || (n <= 3 && piece.length === 1)
        if (ok && known(stem(piece)) && best[j][0] + 1 < best[i][0])
          best[i] = [best[j][0] + 1, j]
      }
    }
    if (best[n][0] === Infinity || best[n][1] === 0)
      return null
    const pieces = []
    for (let i = n; i > 0; i = best[i][1])
      pieces.unshift(word.slice(best[i][1], i))
    return pieces
  }

  function hanUnit(word) {
    const chars = Array.from(word)
    return {
      kind: "han", key: word, phrase: word,
      terms: chars.length === 1 ? [word] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]),
      weight: chars.length === 1 ? 0.5 : 1 + 0.25 * Math.max(0, chars.length - 2)
    }
  }

  function latinUnit(word) {
    return {
      kind: "latin", key: word, terms: [stem(word)],
      prefix: word.length >= 2 ? word : null, weight: 1
    }
  }

  /**
   * Turn a query into scoring units. Each unit has `key` (what Material
   * shows and highlights on the target page), `terms` (index terms, any of
   * which counts), `weight`, and for Latin words a `prefix` to expand
   * against the vocabulary. `phrases` are strings whose literal occurrence
   * earns a bonus (whole Han runs, the whole query).
   * `known(term)` tells whether the index has a term (null: no index);
   * `knownWord` the same for Han words; `isPrefix` and `isTypo` whether a
   * Latin word may be unfinished or misspelt (then it is not broken up).
   */
  function analyze(query, known, knownWord, isPrefix, isTypo) {
    const out = []
    const phrases = []
    const all = units(query)
    const typing = !/\s$/.test(query)
    for (const [i, unit] of all.entries()) {
      /* Only the word still being typed may be an unfinished prefix */
      const open = typing && i === all.length - 1 ? isPrefix : null
      if (unit.kind === "han") {
        const words = knownWord ? segmentHan(unit.text, knownWord) : [unit.text]
        if (words.length > 1)
          phrases.push(unit.text)
        for (const word of words)
          out.push(hanUnit(word))
      } else {
        const parts = unit.text.split(/[_.\-]/).filter(Boolean)
        if (parts.length > 1) {
          const whole = parts.join("_")
          const split = known && !known(whole)
            ? parts.flatMap(p => breakLatin(p, known, open, isTypo) || [p])
            : parts
          out.push({
            kind: "ident", key: unit.text, terms: [whole],
            parts: split.map(stem), words: parts, weight: 1.5
          })
          continue
        }
        const pieces = known ? breakLatin(unit.text, known, open, isTypo) : null
        if (pieces) {
          phrases.push(unit.text)
          for (const piece of pieces)
            out.push({ ...latinUnit(piece), prefix: null, weight: 1 / pieces.length + 0.2 })
        } else {
          out.push(latinUnit(unit.text))
        }
      }
    }
    const whole = compact(query)
    if (out.length > 1 && whole.length > 1)
      phrases.push(whole)
    return { units: out, phrases: [...new Set(phrases)] }
  }

  /* ------------------------------------------------------------------------
   * Highlighting
   * --------------------------------------------------------------------- */

  function escapeRegExp(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  /** A matcher for the given highlight strings, or null. */
  function highlighter(strings) {
    const raw = strings.filter(s => typeof s === "object").map(s => s.re)
    const parts = [...new Set(strings.filter(s => typeof s === "string"))].filter(Boolean)
      .sort((a, b) => b.length - a.length)
      .map(s => /^[0-9a-z\u00C0-\u024F]/.test(s)
        ? `(?<![0-9A-Za-z\\u00C0-\\u024F])${escapeRegExp(s)}[0-9A-Za-z_]*`
        : Array.from(s).map(escapeRegExp).join("\\u200b?"))
    const all = [...raw, ...parts]
    return all.length ? new RegExp(all.join("|"), "giu") : null
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
      this.words = new Map()           /* Latin word as written -> frequency */
      this.hanWords = new Map()        /* Han word (jieba's, from the index) -> frequency */
      this.synonyms = new Map()        /* a glossary name -> the term's other names */
      for (const group of QUERY_WORDS)
        this.addSynonyms(group)
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
        const plainTitle = normalize(plain(title)), plainText = normalize(plain(text))
        const plainTags = normalize(tags)
        const doc = {
          location: source.location,
          title: title.replace(ZWSP_RE, ""),
          text: text.replace(ZWSP_RE, ""),
          tags: source.tags,
          boost: typeof source.boost === "number" ? source.boost : 1,
          article: parent === undefined ? id : parent,
          children: [],
          plainTitle: plainTitle.replace(SPACE_RE, ""),     /* for literal matches */
          plainTags: plainTags.replace(SPACE_RE, ""),
          plainText: plainText.replace(SPACE_RE, "")
        }
        doc.lenTitle = doc.plainTitle.length + doc.plainTags.length
        doc.lenText = doc.plainText.length
        totalTitle += doc.lenTitle
        totalText += doc.lenText
        this.docs.push(doc)
        if (parent !== undefined)
          this.docs[parent].children.push(id)
        /* Latin terms go into an inverted index; Han text is scanned at query time */
        const add = field => term => {
          let list = this.postings.get(term)
          if (list === undefined)
            this.postings.set(term, list = [])
          const at = list.length - 3
          if (at < 0 || list[at] !== id)
            list.push(id, 0, 0)
          list[list.length - 2 + field]++
        }
        /* A section's id is a keyword its author chose: #crashloopbackoff, #leader-election */
        const anchor = source.location.split("#")[1] || ""
        eachLatin(plainTitle + " " + plainTags + " " + normalize(anchor), add(0))
        eachLatin(plainText.replace(URL_RE, " "), add(1), this.words)  /* not https of every link */
        const names = ALIASES_RE.exec(text)
        if (names)
          this.addSynonyms(names[1].split("、"))
        const weight = parent === undefined ? 3 : 2
        for (const source of [title, text]) {
          HAN_WORD_RE.lastIndex = 0
          let m
          while ((m = HAN_WORD_RE.exec(source)) !== null)
            this.hanWords.set(m[1], (this.hanWords.get(m[1]) || 0) + weight)
        }
      }
      const n = Math.max(1, this.docs.length)
      this.avgTitle = Math.max(1, totalTitle / n)
      this.avgText = Math.max(1, totalText / n)
      this.vocabulary = [...this.postings.keys()].sort()
      this.scanned = new Map()
      this.known = term => !!this.list(term)
      this.knownWord = word => this.hanWords.has(word)
      this.isPrefix = word => this.expand(stem(word)).length > 0
      this.isTypo = word => this.similar(stem(word)).length > 0
    }

    /**
     * [doc, tfTitle, tfText, ...] for a term: from the inverted index for
     * Latin terms, by scanning every section's text for Han terms (cached).
     */
    list(term) {
      if (!HAN_TERM_RE.test(term))
        return this.postings.get(term)
      let list = this.scanned.get(term)
      if (list !== undefined)
        return list
      list = []
      for (let id = 0; id < this.docs.length; id++) {
        const doc = this.docs[id]
        const a = occurrences(doc.plainTitle, term) + occurrences(doc.plainTags, term)
        const b = occurrences(doc.plainText, term)
        if (a || b)
          list.push(id, a, b)
      }
      this.scanned.set(term, list.length ? list : null)
      return list.length ? list : null
    }

    /** Names of one glossary term: each single word or Han run stands for the others (k8s, Kubernetes). */
    addSynonyms(names) {
      const words = [...new Set(names.map(n => unescape(n)).map(n => units(n))
        .filter(u => u.length === 1).map(u => u[0].text))]
      for (const word of words) {
        const others = this.synonyms.get(word) || new Set()
        for (const other of words)
          if (other !== word)
            others.add(other)
        this.synonyms.set(word, others)
      }
    }

    idf(term) {
      const list = this.list(term)
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

    entry(scores, id, nunits) {
      let entry = scores.get(id)
      if (entry === undefined)
        scores.set(id, entry = {
          score: 0, own: false, hits: Array.from({ length: nunits }, () => new Set())
        })
      return entry
    }

    /**
     * Add BM25 contributions of `term` (times `weight`) for unit `u`. A
     * page's title counts, more weakly, for each of its sections too: the
     * section 「主题与分区」 of the page 「Kafka：架构、分区与优点」 answers
     * 「kafka分区」.
     */
    accumulate(scores, term, weight, u, nunits, cap = Infinity) {
      const list = this.list(term)
      if (!list)
        return false
      const idf = Math.min(cap, this.idf(term))
      for (let i = 0; i < list.length; i += 3) {
        const id = list[i], tfTitle = list[i + 1], tfText = list[i + 2]
        const doc = this.docs[id]
        const st = tfTitle
          ? tfTitle * (K1 + 1) / (tfTitle + K1 * (1 - B + B * doc.lenTitle / this.avgTitle))
          : 0
        const sx = tfText
          ? tfText * (K1 + 1) / (tfText + K1 * (1 - B + B * doc.lenText / this.avgText))
          : 0
        const isArticle = doc.article === id
        const entry = this.entry(scores, id, nunits)
        entry.score += weight * idf * ((isArticle ? ARTICLE_WEIGHT : TITLE_WEIGHT) * st + sx)
        entry.hits[u].add(term)
        entry.own = true
        if (isArticle && st)
          for (const child of doc.children) {
            const other = this.entry(scores, child, nunits)
            other.score += weight * idf * PAGE_WEIGHT * st
            other.hits[u].add(term)
          }
      }
      return true
    }

    /** Ranked, grouped result in Material's format. */
    search(query) {
      const { units: analyzed, phrases } =
        analyze(query, this.known, this.knownWord, this.isPrefix, this.isTypo)
      if (!analyzed.length)
        return { items: [] }
      const scores = new Map()
      analyzed.forEach((unit, u) => {
        const share = unit.weight / unit.terms.length
        /* Names of one term are equally rare: k8s is not worth more than Kubernetes */
        unit.alts = [...(this.synonyms.get(unit.key) || [])].slice(0, 6)
        const cap = unit.alts.length
          ? Math.min(...unit.alts.map(a => this.idf(/^[0-9a-z]/.test(a) ? stem(a) : hanUnit(a).terms[0])))
          : Infinity
        for (const term of unit.terms)
          this.accumulate(scores, term, share, u, analyzed.length, cap)
        if (unit.kind === "ident")
          for (const part of unit.parts)
            this.accumulate(scores, part, 0.3 / unit.parts.length, u, analyzed.length)
        if (unit.prefix)
          for (const term of this.expand(stem(unit.prefix)))
            this.accumulate(scores, term, 0.4, u, analyzed.length)
        /* Another name of the same glossary term: k8s for Kubernetes, zk for ZooKeeper */
        for (const alt of unit.alts) {
          const terms = /^[0-9a-z]/.test(alt) ? latinTerms(alt) : hanUnit(alt).terms
          for (const term of terms)
            this.accumulate(scores, term, 0.8 * unit.weight / terms.length / unit.alts.length, u, analyzed.length)
          /* the whole query with the other name: 「k8s架构」 is also 「kubernetes架构」 */
          if (phrases.length && analyzed.length > 1)
            phrases.push(compact(query).replace(unit.key, alt))
        }
        /* A word the index does not have at all: a typo of one it has (ngnix, kafak) */
        if (unit.kind === "latin" && !this.known(unit.terms[0]) && !(unit.prefix && this.isPrefix(unit.prefix)))
          for (const term of this.similar(unit.terms[0]))
            this.accumulate(scores, term, 0.6, u, analyzed.length)
      })

      const literal = new Set(phrases)

      /* How much each unit matters: its weight times how rare its terms are */
      const importance = analyzed.map(unit =>
        unit.weight * Math.max(0.5, unit.terms.reduce((s, t) => s + this.idf(t), 0) / unit.terms.length))
      const whole = compact(query)
      const results = []
      let best = 0
      for (const [id, entry] of scores) {
        if (!entry.own)
          continue
        const doc = this.docs[id]
        const page = this.docs[doc.article]
        const isArticle = doc.article === id
        let covered = 0, total = 0, bonus = 0
        const terms = {}
        analyzed.forEach((unit, u) => {
          const hits = entry.hits[u]
          let fraction
          if (unit.kind === "han") {
            const inTitle = !isArticle && doc.plainTitle.includes(unit.phrase)
            const inPage = page.plainTitle.includes(unit.phrase)
            const inText = doc.plainText.includes(unit.phrase)
            const alt = unit.alts.some(a => doc.plainTitle.includes(a) || page.plainTitle.includes(a) ||
              doc.plainText.includes(a))
            fraction = inTitle || inText || inPage
              ? 1
              : alt ? 0.9 : unit.terms.filter(t => hits.has(t)).length / unit.terms.length
            const idf = unit.terms.reduce((s, t) => s + this.idf(t), 0) / unit.terms.length
            bonus += idf * unit.weight * ((inTitle ? 3 : 0) + (inPage ? 1.5 : 0) + (inText ? 1.5 : 0))
          } else if (unit.kind === "ident") {
            fraction = hits.has(unit.terms[0])
              ? 1
              : unit.parts.filter(t => hits.has(t)).length / unit.parts.length * 0.6
          } else {
            fraction = hits.has(unit.terms[0]) ? 1
              : unit.alts.some(a => hits.has(stem(a))) ? 0.9
                : hits.size ? 0.7 : 0
          }
          terms[unit.key] = fraction >= 0.5
          covered += importance[u] * fraction
          total += importance[u]
        })
        if (!isArticle && doc.plainTitle === whole)
          bonus += 10
        for (const phrase of literal) {
          if (!isArticle && doc.plainTitle.includes(phrase)) bonus += 8
          else if (page.plainTitle.includes(phrase)) bonus += 12
          if (doc.plainText.includes(phrase)) bonus += 4
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
            if (doc.plainTitle.includes(unit.phrase) || doc.plainText.includes(unit.phrase))
              strings.push(unit.phrase)
            else
              strings.push(...[...r.hits[u]].filter(t => t.length > 1 || unit.phrase.length === 1))
          } else if (unit.kind === "ident") {
            if (r.hits[u].has(unit.terms[0]))
              strings.push({ re: unit.words.map(escapeRegExp).join("[_.\\-]") })
            else
              strings.push(...r.hits[u])
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
      const tail = new RegExp(`(${HAN_RUN}|[0-9A-Za-z]+)$`).exec(last)
      if (!tail)
        return []
      const stub = tail[1].toLowerCase()
      let bestWord = null, bestFreq = 0
      const source = /^[0-9a-z]/.test(stub) ? this.words : this.hanWords
      if (source === this.words && source.has(stub))
        return []  /* a whole word already: commit is not the start of committed */
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
    normalize, compact, stem, units, tokenize, segmentHan, breakLatin, distance, analyze, highlighter, mark, blocks, teaser, Index, handle
  }

  /* Only act as a worker where there is no DOM (or under the iframe shim) */
  const isWorker = typeof WorkerGlobalScope !== "undefined" && global instanceof WorkerGlobalScope
  const isShim = typeof parent !== "undefined" && parent !== global && "IFrameWorker" in parent
  if (isWorker || isShim)
    global.addEventListener("message", ev => {
      postMessage(handle(ev.data))
    })
})(typeof self !== "undefined" ? self : globalThis)
