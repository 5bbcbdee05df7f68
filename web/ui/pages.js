// Run a function on every page a reader sees: once when this document is ready, and again on
// every page Material's instant navigation swaps in (its document$). The function must be
// idempotent: both may fire for the first page. Material's document$ never fires on some
// setups (a build with instant navigation opened from file://), hence the plain DOM path.
export function onEveryPage(win, fn) {
  const doc = win.document
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", () => fn())
  else fn()
  if (win.document$ && typeof win.document$.subscribe === "function") win.document$.subscribe(() => fn())
}
