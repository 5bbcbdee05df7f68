/*
 * Homophone typos: a pinyin IME offers characters by sound, so a reader
 * who means 「幂等性」 may pick 「幂等型」, and 「一致性哈希」 becomes
 * 「一直性哈希」. The index ships the pinyin of common characters and of
 * every character of the site's words (hooks/kb/searchshards.py, computed
 * with pypinyin); a stretch of the query that the site never contains is
 * replaced by a word of the site that sounds the same (or nearly: the
 * initials zh/z, ch/c, sh/s, l/n and the finals -ing/-in, -eng/-en, -ang/-an
 * are not told apart) and shares at least one character with it.
 */

/** A syllable without the distinctions many speakers do not make. */
export function fuzzy(syllable) {
  return syllable
    .replace(/^([zcs])h/, "$1").replace(/^l/, "n")
    .replace(/ing$/, "in").replace(/eng$/, "en").replace(/ang$/, "an")
}

/** Sound keys of a word (every reading of polyphonic characters, at most `cap`); [] if a character has none. */
export function keysOf(word, readings, cap = 8) {
  let keys = [""]
  for (const ch of word) {
    const r = readings.get(ch)
    if (!r)
      return []
    const next = []
    for (const key of keys)
      for (const s of r) {
        if (next.length >= cap)
          break
        next.push(key ? `${key} ${fuzzy(s)}` : fuzzy(s))
      }
    keys = [...new Set(next)]
  }
  return keys
}

/** sound key -> [[word, weight], ...] for words of 2 to 6 characters. */
export function soundIndex(words, readings) {
  const out = new Map()
  for (const [word, weight] of words) {
    const n = Array.from(word).length
    if (n < 2 || n > 6)
      continue
    for (const key of keysOf(word, readings, 4)) {
      const list = out.get(key) || []
      list.push([word, weight])
      out.set(key, list)
    }
  }
  return out
}

function differences(a, b) {
  let n = 0
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i])
      n++
  return n
}

/**
 * The Han run with its typos replaced. `known(word)`: a word of the site;
 * `seen(bigram)`: the site contains this character pair somewhere. Only a
 * stretch with a pair the site never contains is a typo candidate; the
 * longest stretches are tried first; at most a third of the characters
 * (at least one) may differ, and at least one must be the same.
 */
export function correctRun(run, readings, sounds, known, seen) {
  const chars = Array.from(run)
  const n = chars.length
  const fixed = chars.slice()
  const taken = new Array(n).fill(false)
  for (let len = Math.min(6, n); len >= 2; len--)
    for (let i = 0; i + len <= n; i++) {
      if (taken.slice(i, i + len).some(Boolean))
        continue
      const span = chars.slice(i, i + len)
      const text = span.join("")
      if (known(text))
        continue
      let unseen = false
      for (let j = 0; j + 1 < len; j++)
        if (!seen(span[j] + span[j + 1]))
          unseen = true
      if (!unseen)
        continue
      let best = null
      for (const key of keysOf(text, readings))
        for (const [word, weight] of sounds.get(key) || []) {
          const w = Array.from(word)
          if (w.length !== len)
            continue
          const d = differences(w, span)
          if (d === 0 || d > Math.max(1, Math.floor(len / 3)))
            continue
          if (!best || d < best.d || (d === best.d && weight > best.weight))
            best = { word: w, d, weight }
        }
      if (best) {
        for (let j = 0; j < len; j++) {
          fixed[i + j] = best.word[j]
          taken[i + j] = true
        }
      }
    }
  return fixed.join("")
}
