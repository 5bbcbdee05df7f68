/*
 * Query understanding: a typed query becomes scoring units. Han runs are
 * split into words the index knows (jieba's words with the glossary
 * dictionary); Latin words run together are broken into known words; each
 * unit carries the index terms any of which counts, and a weight.
 */

import { units, stem, compact } from "./text.js"

/* Words readers use for what headings call otherwise: 「…的区别」 for a section 「对比」 */
export const QUERY_WORDS = [["区别", "对比", "比较", "差异", "vs"], ["解压", "解包", "解压缩"]]

/* Single Han characters that only join words in a query: 「进程和线程区别」, or end a question: 「…呢」 */
const JOINERS = new Set(Array.from("和与的了是在及或跟同把被对从让给之吗呢吧啊呀么"))

/* Question words: a reader's 「如何排查磁盘满」 asks about 「排查磁盘满」; optional, dropped */
export const QUESTION_WORDS = new Set([
  "如何", "怎么", "怎样", "怎么样", "怎么办", "为什么", "为何", "什么", "哪些", "哪个", "哪里", "是否",
  "能否", "可以", "应该", "需要", "一下", "到底", "有没有", "是不是", "请问", "要怎么", "怎么才能",
  "有什么", "有哪些", "什么样", "的话", "时候", "注意什么"
])

/**
 * Split a Han run into words, preferring the longest words known to the
 * index. Unknown stretches stay together; joiner characters are dropped.
 */
export function segmentHan(run, known) {
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
export function breakLatin(word, known, isPrefix, isTypo) {
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

export function hanUnit(word) {
  const chars = Array.from(word)
  return {
    kind: "han", key: word, phrase: word,
    terms: chars.length === 1 ? [word] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]),
    weight: chars.length === 1 ? 0.5 : 1 + 0.25 * Math.max(0, chars.length - 2)
  }
}

export function latinUnit(word) {
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
export function analyze(query, known, knownWord, isPrefix, isTypo) {
  const out = []
  const phrases = []
  const all = units(query)
  const typing = !/\s$/.test(query)
  for (const [i, unit] of all.entries()) {
    /* Only the word still being typed may be an unfinished prefix */
    const open = typing && i === all.length - 1 ? isPrefix : null
    if (unit.kind === "han") {
      const known = knownWord ? w => QUESTION_WORDS.has(w) || knownWord(w) : null
      const all = known ? segmentHan(unit.text, known) : [unit.text]
      const words = all.length > 1 ? all.filter(w => !QUESTION_WORDS.has(w)) : all
      if (words.length > 1 || words.length < all.length)
        phrases.push(words.join(""))
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
