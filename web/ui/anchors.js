// Question anchors: pure helpers (no DOM globals), unit-tested in tests/js/ui-anchors.test.mjs.

// The element id a location hash names: "#q-%E4%B8%BA..." -> "q-为...". Material looks up
// the raw, percent-encoded hash, so it never finds our Chinese ids; we decode it.
export function targetId(hash) {
  if (!hash || hash === "#") return ""
  const raw = hash.charAt(0) === "#" ? hash.slice(1) : hash
  try {
    return decodeURIComponent(raw)
  } catch (error) {
    return raw // a stray "%" that is not an escape: the id is written as it stands
  }
}

// The closed <details> blocks that hide `element`, outermost first (so opening them in order
// reveals it): every enclosing one, and the element itself only when it is a question (a
// linked correction block, 「勘误」, stays collapsed: the errata page wants its title seen first).
export function closedDetails(element) {
  const chain = []
  const start = element && isQuestion(element) ? element : element && element.parentElement
  for (let node = start; node; node = node.parentElement) {
    if (String(node.tagName).toUpperCase() === "DETAILS" && !node.open) chain.unshift(node)
  }
  return chain
}

// Whether an element is a question block (<details class="question">).
export function isQuestion(element) {
  return (
    !!element &&
    String(element.tagName).toUpperCase() === "DETAILS" &&
    !!element.classList &&
    element.classList.contains("question")
  )
}

// While a question's address is pinned, a history.replaceState that would only change the
// hash of the same page (Material's navigation.tracking does that on scroll) keeps the
// question's hash instead. Returns the URL to write, or null to leave the call alone.
export function keepPinnedHash(pinned, next) {
  if (!pinned || !next) return null
  const a = new URL(pinned)
  const b = new URL(next, pinned)
  if (a.origin !== b.origin || a.pathname !== b.pathname || a.search !== b.search) return null
  if (a.hash === b.hash) return null
  b.hash = a.hash
  return b.href
}
