/*
 * Index loading: Material's search documents (one per page and one per
 * section) become the structures the scorer reads.
 *
 * - Latin terms live in an inverted index built here.
 * - Han text is not indexed: each section's text is kept normalised and
 *   scanned at query time for the query's character bigrams (cached).
 * - Han words of jieba's segmentation (between the index's zero-width
 *   spaces) become the vocabulary that query Han runs are split with.
 * - Each glossary term's names (「别名：…」, added by hooks/search.py) stand
 *   for each other.
 */

import {
  normalize, plain, stem, units, eachLatin, distance, unescape, occurrences,
  ZWSP_RE, SPACE_RE, URL_RE, HAN_WORD_RE, HAN_TERM_RE
} from "./text.js"
import { QUERY_WORDS } from "./query.js"

/* the names of a glossary term, added to its section by hooks/search.py */
const ALIASES_RE = /<p>别名：([^<]*)<\/p>/

export class Index {
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
}
