// The glossary's filter: pure helpers, unit-tested in tests/js/ui-glossary.test.mjs.

// Matching form: full/half width, case and spacing do not matter ("ＥＴＣＤ" finds "etcd").
export function fold(text) {
  return String(text || "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, "")
}

// Does an entry (its spellings and its summary, already folded) match a folded query?
export function matches(entry, query) {
  if (!query) return true
  return entry.spellings.some((s) => s.includes(query)) || entry.summary.includes(query)
}

// Which entries stay visible for `query`, and what the status line says.
export function filterEntries(entries, rawQuery) {
  const query = fold(rawQuery)
  const visible = entries.map((entry) => matches(entry, query))
  const count = visible.filter(Boolean).length
  return { visible, count, status: statusText(count, entries.length, query) }
}

export function statusText(count, total, query) {
  if (!query) return `共 ${total} 个术语`
  if (count === 0) return "没有匹配的术语"
  return `匹配 ${count} 个术语（共 ${total} 个）`
}
