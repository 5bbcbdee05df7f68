/*
 * Snippets: highlighting matches in titles and choosing the blocks of a
 * section's text that are shown under a result.
 */

function escapeRegExp(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}
export { escapeRegExp }

/** A matcher for the given highlight strings, or null. */
export function highlighter(strings) {
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
export function mark(html, re) {
  if (!re)
    return html
  return html.replace(/(<[^>]*>|&[#a-zA-Z0-9]+;)|([^<&]+|&)/g, (all, tag, text) =>
    tag ? tag : text.replace(re, m => `<mark>${m}</mark>`))
}

/** Top-level blocks of an HTML fragment (paragraphs, list items, code). */
export function blocks(html) {
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

const CODE_RE = /^\s*<(pre|table)\b/i

/**
 * Teaser: up to two blocks with matches, prose before code and tables (a
 * reader wants the sentence that explains); else the first prose block.
 */
export function teaser(html, re) {
  const all = blocks(html)
  const prose = all.filter(b => !CODE_RE.test(b))
  if (!re)
    return (prose.length ? prose : all).slice(0, 1).join("")
  const hits = []
  for (const block of all) {
    const marked = mark(block, re)
    if (marked.length !== block.length)
      hits.push({ marked, code: CODE_RE.test(block) })
  }
  hits.sort((a, b) => a.code - b.code)  /* stable: document order within each kind */
  const shown = hits.slice(0, 2).map(h => h.marked)
  return (shown.length ? shown : (prose.length ? prose : all).slice(0, 1)).join("")
}
