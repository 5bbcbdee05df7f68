/*
 * Text: normalising and tokenising, the same on the index side and the
 * query side. Han text is compared as character bigrams; Latin words are
 * lower-cased with one light plural rule; identifiers joined by `_ . -`
 * count whole and in parts. hooks/kb/searchshards.py writes the index with
 * the same rules (tests/test_search_shards.py checks the two agree).
 */

export const HAN = "\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF"
export const HAN_RUN = `[${HAN}]+`
const LATIN = "[0-9A-Za-z\\u00C0-\\u024F]+"
const COMPOUND = `${LATIN}(?:[_.\\-]${LATIN})*`
const TOKEN_RE = new RegExp(`(${HAN_RUN})|(${COMPOUND})`, "gu")
export const ZWSP_RE = /\u200b/g
const WIDE_RE = /[\u2460-\u24ff\u3000\uff01-\uffef]/   /* needs NFKC: full-width forms */
/* a word of jieba's segmentation in the index: Han characters between zero-width spaces */
export const HAN_WORD_RE = new RegExp(`(?:^|[\\u200b\\s])([${HAN}]{2,})(?=[\\u200b\\s]|$)`, "g")
const LATIN_RE = new RegExp(COMPOUND, "g")
export const SPACE_RE = /\s+/g
export const URL_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+/g
export const HAN_TERM_RE = new RegExp(`^[${HAN}]{1,2}$`)

/** Full-width to half-width, lower case, no zero-width spaces. */
export function normalize(value) {
  if (WIDE_RE.test(value))
    value = value.normalize("NFKC")
  return value.replace(ZWSP_RE, "").toLowerCase()
}

/** Text without markup and entities, for literal (phrase) matching. */
export function plain(html) {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
}

/** Text as compared literally: normalised, whitespace removed. */
export function compact(value) {
  return normalize(value).replace(/\s+/g, "")
}

/* Words that end in s without being plurals (https is not http) */
const NO_STEM = new Set(["https", "ddos", "jenkins", "kubernetes", "postgres", "cors", "mbps", "gbps"])

/** The same light English rule on both sides: plural `s`/`ies`. */
export function stem(word) {
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
export function units(value) {
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
export function latinTerms(word) {
  const parts = word.split(/[_.\-]/).filter(Boolean)
  if (parts.length === 1)
    return [stem(word)]
  return [parts.join("_"), ...parts.map(stem)]
}

/**
 * Call `fn` with every term of a text, in order: each Han character and
 * character bigram, each Latin word (and an identifier whole and in parts).
 */
export function eachTerm(value, fn) {
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

/** All index terms of a text, in order (with repetitions), as strings. */
export function tokenize(value) {
  const out = []
  eachTerm(value, term => out.push(term))
  return out
}

/** Call `fn` with the Latin index terms of normalised text; count words into `words`, if given. */
export function eachLatin(text, fn, words) {
  LATIN_RE.lastIndex = 0
  let m
  while ((m = LATIN_RE.exec(text)) !== null) {
    for (const term of latinTerms(m[0]))
      fn(term)
    if (words)
      words.set(m[0], (words.get(m[0]) || 0) + 1)
  }
}

/** Edit distance with transpositions (optimal string alignment); stops early above `limit`. */
export function distance(a, b, limit) {
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

export function unescape(html) {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
}

/** How often `term` occurs in `text` (overlapping). */
export function occurrences(text, term) {
  let n = 0
  for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1))
    n++
  return n
}
