/*
 * Scoring: rank the index's sections for an analysed query and answer in
 * Material's result format (groups of one page's documents).
 *
 * Per section: BM25 over the section's heading, its page's title and its
 * text; a bonus when a whole word or the whole query occurs literally; and
 * a coverage factor (query units weighted by rarity) so that sections
 * matching most of the query win and partial matches on a single common
 * character are dropped.
 */

import { stem, compact, latinTerms, units, HAN_RUN } from "./text.js"
import { analyze } from "./query.js"
import { Index } from "./index.js"
import { highlighter, mark, teaser, escapeRegExp } from "./snippets.js"

const TITLE_WEIGHT = 4               /* a section's own heading */
const ARTICLE_WEIGHT = 2.5           /* a page's title, for the page itself */
const PAGE_WEIGHT = 1.5              /* a page's title, for each of its sections */

/*
 * Candidates scored exactly (phrases, coverage): of the best CANDIDATES by
 * the postings alone, the first LOADED always and the others as long as
 * their document shards are loaded or fit in a budget of LOADED new ones.
 * Each document shard is a request, and at 30x the pages each candidate of a
 * query sits in a shard of its own.
 */
const CANDIDATES = 24
const LOADED = 8

/* A hit on a unit by some term other than its own (other names, prefixes, parts, typos) */
const ANY = 0x80000000

/**
 * Per-query tallies over all documents, in typed arrays: a map of objects
 * with a Set per unit cost most of a query's time (and garbage) once
 * posting lists run to tens of thousands of documents.
 *
 * - `score[id]`: the postings' BM25 sum;
 * - `mask[id * n + u]`: bit i for the i-th of unit u's own terms, ANY for a
 *   hit of u by any term;
 * - `own[id]`: 1 once reached (by its own posting or its page's title), 2 with
 *   a posting of the document itself;
 * - `touched`: the documents reached, in the order first reached;
 * - `terms[u]`: the terms accumulated for unit u, in order, so that the exact
 *   hits of the few candidates can be found again (`hitsOf`).
 */
export class Tally {
  constructor(count, units) {
    this.n = units.length
    this.score = new Float64Array(count)
    this.mask = new Uint32Array(count * this.n)
    this.own = new Uint8Array(count)
    this.touched = []
    this.terms = units.map(() => [])
    /* unit -> its own terms (for an identifier, the whole one) and term -> its bit among them */
    this.owned = units.map(unit => unit.kind === "ident" ? [unit.terms[0]] : unit.terms)
    this.bits = this.owned.map(own => new Map(own.slice(0, 31).map((t, i) => [t, 1 << i])))
  }

  /** Fraction of unit u's own terms that document `id` hits. */
  ownFraction(id, u) {
    const m = this.mask[id * this.n + u], bits = this.bits[u], own = this.owned[u]
    let k = 0
    for (const t of own)
      if (m & (bits.get(t) || 0))
        k++
    return k / own.length
  }

  anyHit(id, u) {
    return (this.mask[id * this.n + u] & ANY) !== 0
  }
}

/** Whether decoded postings hold document `id` (with a title weight if `titled`). */
function holds(list, id, titled) {
  const ids = list.ids
  let lo = 0, hi = list.n
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const at = ids[mid]
    if (at === id) return !titled || list.title[mid] > 0
    if (at < id) lo = mid + 1; else hi = mid
  }
  return false
}

/** The terms of each unit that hit document `id` (as Sets, in the order they were accumulated). */
function hitsOf(index, tally, id) {
  const article = index.article(id)
  return tally.terms.map(terms => {
    const out = new Set()
    for (const term of terms) {
      const list = index.list(term)
      if (list && (holds(list, id, false) || (article !== id && holds(list, article, true))))
        out.add(term)
    }
    return out
  })
}

/**
 * Add BM25 contributions of `term` (times `weight`) for unit `u`. The index
 * stores each posting's BM25 saturation per field. A page's title counts,
 * more weakly, for each of its sections too: the section 「主题与分区」 of the
 * page 「Kafka：架构、分区与优点」 answers 「kafka分区」.
 */
function accumulate(index, tally, term, weight, u, cap = Infinity) {
  const list = index.list(term)
  if (!list)
    return false
  if (!tally.terms[u].includes(term))
    tally.terms[u].push(term)
  const idf = Math.min(cap, index.idf(term))
  const { score, mask, own, touched, n } = tally
  const bit = (tally.bits[u].get(term) || 0) | ANY
  const starts = index.starts
  let page = 0
  const { ids, title, text } = list
  for (let k = 0; k < list.n; k++) {
    const id = ids[k], st = title[k] / 100, sx = text[k] / 100
    while (page + 1 < starts.length && starts[page + 1] <= id)
      page++
    const isArticle = starts[page] === id
    score[id] += weight * idf * ((isArticle ? ARTICLE_WEIGHT : TITLE_WEIGHT) * st + sx)
    mask[id * n + u] |= bit
    if (!own[id])
      touched.push(id)
    own[id] = 2
    if (isArticle && st) {
      const end = page + 1 < starts.length ? starts[page + 1] : index.count
      const add = weight * idf * PAGE_WEIGHT * st
      for (let child = id + 1; child < end; child++) {
        score[child] += add
        mask[child * n + u] |= bit
        if (!own[child]) {
          own[child] = 1
          touched.push(child)
        }
      }
    }
  }
  return true
}

/** Index terms that the analysis of `query` may look up: its words, identifiers and Han bigrams. */
export function queryTerms(query) {
  const out = new Set()
  for (const unit of units(query))
    if (unit.kind === "han") {
      const chars = Array.from(unit.text)
      chars.forEach((c, i) => { out.add(c); if (i + 1 < chars.length) out.add(c + chars[i + 1]) })
    } else {
      for (const term of latinTerms(unit.text))
        out.add(term)
    }
  return out
}

/* English words that carry no topic in a pasted error message */
const FUNCTION_WORDS = new Set(("a an the to of in on at for by with from is are was be been not no can could " +
  "cannot did does do this that it its as or and if while when than then there will would should has have had " +
  "error failed fail warning true false").split(" "))

/** A pasted error message or log line: many Latin words (and identifiers, numbers, paths). */
function isPasted(analyzed) {
  return analyzed.filter(u => u.kind !== "han").length >= 4
}

/**
 * Units of a pasted message that can point at a page: words the site knows
 * (numbers, addresses and ids it does not know are left out), function
 * words weighted down, no prefix expansion; rare words decide (importance).
 */
function pastedUnits(index, analyzed) {
  const out = []
  for (const unit of analyzed) {
    if (unit.kind === "han") {
      out.push(unit)
      continue
    }
    if (unit.kind === "ident") {
      const parts = unit.parts.filter(p => !/^[0-9]+$/.test(p) && index.known(p))
      if (!index.known(unit.terms[0]) && !parts.length)
        continue
      out.push({ ...unit, parts: parts.length ? parts : unit.parts })
      continue
    }
    if (/^[0-9]+$/.test(unit.terms[0]) || !index.known(unit.terms[0]))
      continue
    out.push({ ...unit, prefix: null, weight: FUNCTION_WORDS.has(unit.key) ? 0.1 : unit.weight })
  }
  return out.length ? out : analyzed
}

/** The terms scoring will read for analysed units: their own, parts, prefixes, other names, typos. */
function unitTerms(index, analyzed) {
  const out = new Set()
  for (const unit of analyzed) {
    unit.alts = index.othersOf(unit.key).slice(0, 6)
    unit.terms.forEach(t => out.add(t))
    if (unit.kind === "ident")
      unit.parts.forEach(t => out.add(t))
    if (unit.prefix)
      index.expand(stem(unit.prefix)).forEach(t => out.add(t))
    for (const alt of unit.alts)
      Index.nameTerms(alt).forEach(t => out.add(t))
    if (unit.kind === "latin" && !index.known(unit.terms[0]) && !(unit.prefix && index.isPrefix(unit.prefix)))
      index.similar(unit.terms[0]).forEach(t => out.add(t))
  }
  return out
}

/** Ranked, grouped result in Material's format; loads the shards it needs. */
export async function search(index, query) {
  await index.needTerms(queryTerms(query))
  const typed = query
  query = index.understand(query)
  if (query !== typed)
    await index.needTerms(queryTerms(query))
  const analysis = analyze(query, index.known, index.knownWord, index.isPrefix, index.isTypo)
  const phrases = analysis.phrases
  const pasted = isPasted(analysis.units)
  const analyzed = pasted ? pastedUnits(index, analysis.units) : analysis.units
  if (!analyzed.length)
    return { items: [] }
  await index.needTerms(analyzed.map(u => u.key))  /* where each word's other names are */
  await index.needTerms(unitTerms(index, analyzed))
  const tally = new Tally(index.count, analyzed)
  const n = analyzed.length
  analyzed.forEach((unit, u) => {
    const share = unit.weight / unit.terms.length
    /* Names of one term are equally rare: k8s is not worth more than Kubernetes */
    const firsts = unit.alts.map(a => Index.nameTerms(a)[0]).filter(Boolean)
    const cap = firsts.length ? Math.min(...firsts.map(t => index.idf(t))) : Infinity
    for (const term of unit.terms)
      accumulate(index, tally, term, share, u, cap)
    if (unit.kind === "ident")
      for (const part of unit.parts)
        accumulate(index, tally, part, 0.3 / unit.parts.length, u)
    if (unit.prefix)
      for (const term of index.expand(stem(unit.prefix)))
        accumulate(index, tally, term, 0.4, u)
    /* Another name of the same glossary term: k8s for Kubernetes, zk for ZooKeeper */
    for (const alt of unit.alts) {
      const terms = Index.nameTerms(alt)
      for (const term of terms)
        accumulate(index, tally, term, 0.8 * unit.weight / terms.length / unit.alts.length, u)
      /* the whole query with the other name: 「k8s架构」 is also 「kubernetes架构」 */
      if (phrases.length && n > 1)
        phrases.push(compact(query).replace(unit.key, compact(alt)))
    }
    /* A word the index does not have at all: a typo of one it has (ngnix, kafak) */
    if (unit.kind === "latin" && !index.known(unit.terms[0]) && !(unit.prefix && index.isPrefix(unit.prefix)))
      for (const term of index.similar(unit.terms[0]))
        accumulate(index, tally, term, 0.6, u)
  })

  /* How much each unit matters: its weight times how rare its terms are (squared for a pasted message) */
  const importance = analyzed.map(unit => {
    const rarity = Math.max(0.5, unit.terms.reduce((s, t) => s + index.idf(t), 0) / unit.terms.length)
    return unit.weight * (pasted ? rarity * rarity : rarity)
  })
  const totalImportance = importance.reduce((a, b) => a + b, 0)

  /* Stage 1, from the postings alone: the candidates worth loading (best first, ties in the order reached) */
  const top = []
  for (const id of tally.touched) {
    if (tally.own[id] !== 2)
      continue
    let covered = 0
    for (let u = 0; u < analyzed.length; u++) {
      const got = tally.ownFraction(id, u)
      covered += importance[u] * (got || (tally.anyHit(id, u) ? 0.7 : 0))
    }
    const coverage = covered / totalImportance
    const rough = tally.score[id] * (0.15 + coverage * coverage)
    if (top.length === CANDIDATES && rough <= top[top.length - 1][1])
      continue
    let at = top.length
    while (at > 0 && top[at - 1][1] < rough)
      at--
    top.splice(at, 0, [id, rough])
    if (top.length > CANDIDATES)
      top.pop()
  }
  const candidates = index.affordable(top.map(([id]) => id), LOADED, LOADED)
  await index.needDocs(candidates)

  /* Stage 2: literal phrases and exact coverage over the candidates' text */
  const literal = new Set(phrases)
  const whole = compact(query)
  const results = []
  let best = 0
  for (const id of candidates) {
    const found = { score: tally.score[id], hits: hitsOf(index, tally, id) }
    const doc = index.doc(id)
    const page = index.doc(doc.article)
    const isArticle = doc.article === id
    let covered = 0, total = 0, bonus = 0, full = true
    const terms = {}
    analyzed.forEach((unit, u) => {
      const hits = found.hits[u]
      let fraction
      if (unit.kind === "han") {
        const inTitle = !isArticle && doc.plainTitle.includes(unit.phrase)
        const inPage = page.plainTitle.includes(unit.phrase)
        const inText = doc.plainText.includes(unit.phrase)
        const alt = unit.alts.map(compact).some(a => doc.plainTitle.includes(a) || page.plainTitle.includes(a) ||
          doc.plainText.includes(a))
        fraction = inTitle || inText || inPage
          ? 1
          : alt ? 0.9 : unit.terms.filter(t => hits.has(t)).length / unit.terms.length
        const idf = unit.terms.reduce((s, t) => s + index.idf(t), 0) / unit.terms.length
        bonus += idf * unit.weight * ((inTitle ? 3 : 0) + (inPage ? 1.5 : 0) + (inText ? 1.5 : 0))
      } else if (unit.kind === "ident") {
        fraction = hits.has(unit.terms[0])
          ? 1
          : unit.parts.filter(t => hits.has(t)).length / unit.parts.length * 0.6
      } else {
        fraction = hits.has(unit.terms[0]) ? 1
          : unit.alts.some(a => Index.nameTerms(a).every(t => hits.has(t))) ? 0.9
            : hits.size ? 0.7 : 0
      }
      terms[unit.key] = fraction >= 0.5
      if (fraction < 0.85)
        full = false
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
    const score = (found.score + bonus) * (0.15 + coverage * coverage) * doc.boost
    results.push({ id, score, coverage, full, terms, hits: found.hits })
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
    const article = index.article(r.id)
    const list = groups.get(article) || []
    list.push(r)
    groups.set(article, list)
  }
  const items = []
  for (const [article, list] of groups) {
    /* the page's own entry heads the group; its link highlights what the sections matched */
    if (!list.some(r => r.id === article)) {
      const terms = {}
      for (const r of list)
        for (const [key, found] of Object.entries(r.terms))
          terms[key] = terms[key] || found
      list.push({ id: article, score: 0, terms, hits: null })
    }
    items.push(list.map(r => render(index, r, analyzed)))
  }
  /* No result has every word of the query: the page says so above the closest results */
  const out = { items, partial: kept.length > 0 && !kept.some(r => r.full) }
  if (index.options.suggest)
    out.suggest = suggest(index, query)
  return out
}

/**
 * Whether a matched term is worth marking: Latin terms are marked as word
 * prefixes, so the short words of another name (「no space left on device」)
 * would light up 「node」 and 「--no-pager」.
 */
function worthMarking(term) {
  return !/^[0-9a-z]/.test(term) || (term.length >= 3 && !FUNCTION_WORDS.has(term))
}

/** One result document with highlighted title and teaser. */
function render(index, r, analyzed) {
  const doc = index.doc(r.id)
  const strings = []
  if (r.hits)
    analyzed.forEach((unit, u) => {
      if (unit.kind === "han") {
        if (doc.plainTitle.includes(unit.phrase) || doc.plainText.includes(unit.phrase))
          strings.push(unit.phrase)
        else
          strings.push(...[...r.hits[u]].filter(t => worthMarking(t) && (t.length > 1 || unit.phrase.length === 1)))
      } else if (unit.kind === "ident") {
        if (r.hits[u].has(unit.terms[0]))
          strings.push({ re: unit.words.map(escapeRegExp).join("[_.\\-]") })
        else
          strings.push(...[...r.hits[u]].filter(worthMarking))
      } else {
        strings.push(...[...r.hits[u]].filter(t => t === unit.terms[0] || worthMarking(t)))
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
  if (doc.tags && r.id === doc.article)  /* a page's tags, once per result group */
    item.tags = [...doc.tags]
  return item
}

/** Completion of the last word of the query, as Material expects. */
export function suggest(index, query) {
  const words = query.split(/[\s-]+/)
  const last = words[words.length - 1]
  if (!last)
    return []
  const tail = new RegExp(`(${HAN_RUN}|[0-9A-Za-z]+)$`).exec(last)
  if (!tail)
    return []
  const stub = tail[1].toLowerCase()
  let bestWord = null, bestFreq = 0
  const source = /^[0-9a-z]/.test(stub) ? index.words : index.hanWords
  if (source === index.words && source.has(stub))
    return []  /* a whole word already: commit is not the start of committed */
  for (const [word, freq] of source)
    if (word.length > stub.length && word.startsWith(stub) && freq > bestFreq) {
      bestWord = word
      bestFreq = freq
    }
  return bestWord ? [last + bestWord.slice(stub.length)] : []
}
