// What the popover shows: the term, its one-line summary and a link to its definition.
// Pure: strings in, an HTML string out (everything escaped).

export const LINK_TEXT = "查看定义"

export function escapeHTML(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

// The term a link points at, read from its attributes (the build writes data-term and
// data-summary; title is the fallback for pages built before them).
export function readTerm(link) {
  const data = link.dataset || {}
  const text = (link.textContent || "").trim()
  return {
    term: (data.term || text).trim(),
    summary: (data.summary || link.getAttribute("title") || "").trim(),
    href: link.getAttribute("href") || "",
  }
}

// ids: {term, summary} element ids, so the link can point at them (aria-describedby).
export function popoverHTML({ term, summary, href }, ids) {
  return (
    `<span class="kb-popover__term" id="${escapeHTML(ids.term)}">${escapeHTML(term)}</span>` +
    `<span class="kb-popover__summary" id="${escapeHTML(ids.summary)}">${escapeHTML(summary)}</span>` +
    `<a class="kb-popover__link" href="${escapeHTML(href)}">${escapeHTML(LINK_TEXT)}</a>`
  )
}
