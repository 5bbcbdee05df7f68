"""Measure Mermaid diagrams as a reader sees them, in Chromium (shared by tests and bench/diagrams.py).

Material puts every diagram's SVG in a CLOSED shadow root, out of reach of page scripts and
Playwright selectors. An init script (run before any page script) records every shadow root
an element attaches and opens it, so the probe reads the real rendered SVG independently of
the site's own code. For every diagram it reports:

- ``effective``: the smallest label font size times the SVG's displayed width divided by its
  natural (viewBox) width, i.e. the size in CSS px at which a reader sees the smallest label;
- ``shown``: the width of the SVG's part a reader can see without scrolling, and whether a
  scrolling container around it lets the reader reach the rest (``reachable``);
- whether a 「放大查看」 viewer trigger is attached to it.
"""

from __future__ import annotations

import re
from pathlib import Path

OPEN_SHADOW_ROOTS = """
(() => {
  const roots = (window.__probeShadowRoots = [])
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, { ...init, mode: "open" })
    roots.push(root)
    return root
  }
})()
"""

# Resolves to one entry per rendered diagram, in document order.
MEASURE = """
async () => {
  await document.fonts.ready
  const roots = (window.__probeShadowRoots || []).filter(r => r.host.isConnected && r.querySelector("svg"))
  roots.sort((a, b) => a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)
  const labels = "text, tspan, foreignObject span, foreignObject p, foreignObject div"
  return roots.map(root => {
    const svg = root.querySelector("svg")
    const box = svg.getBoundingClientRect()
    const vb = svg.viewBox && svg.viewBox.baseVal
    const natural = vb && vb.width ? vb.width : svg.getBBox().width
    let font = Infinity
    for (const el of root.querySelectorAll(labels)) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
      if (!own) continue
      const r = el.getBoundingClientRect()
      if (!r.width && !r.height) continue
      font = Math.min(font, parseFloat(getComputedStyle(el).fontSize))
    }
    // The nearest ancestor that scrolls horizontally (or clips), if any, below the page.
    let clip = null
    for (let el = root.host.parentElement; el && el !== document.body; el = el.parentElement) {
      const ox = getComputedStyle(el).overflowX
      if (ox !== "visible") { clip = el; break }
    }
    const cr = clip ? clip.getBoundingClientRect() : { left: 0, right: innerWidth }
    const visible = Math.max(0, Math.min(box.right, cr.right, innerWidth) - Math.max(box.left, cr.left, 0))
    const scrolls = !!clip && /auto|scroll/.test(getComputedStyle(clip).overflowX) && clip.scrollWidth > clip.clientWidth
    const reachable = visible >= box.width - 1 || (scrolls && clip.scrollWidth >= box.width - 1)
    const figure = root.host.closest(".kb-diagram")
    const trigger = figure && figure.querySelector("button.kb-diagram__open")
    return {
      natural: natural,
      width: box.width,
      font: font === Infinity ? null : font,
      effective: font === Infinity ? null : font * box.width / natural,
      visible: visible,
      scrolls: scrolls,
      reachable: reachable,
      viewer: !!trigger && trigger.getBoundingClientRect().width > 0,
      pageOverflow: document.documentElement.scrollWidth > innerWidth + 1,
    }
  })
}
"""


def diagram_pages(site_dir: Path) -> list[tuple[str, int]]:
    """(url path, number of diagrams) for every built page with a Mermaid block."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        count = len(re.findall(r'<pre class="mermaid">', html.read_text(encoding="utf-8")))
        if count:
            pages.append((html.parent.relative_to(site_dir).as_posix() + "/", count))
    return pages


def wait_rendered(page, count: int, timeout: int = 30_000) -> None:
    page.wait_for_function(
        "n => (window.__probeShadowRoots || []).filter(r => r.host.isConnected && r.querySelector('svg')).length >= n",
        arg=count,
        timeout=timeout,
    )


def new_context(browser, width: int, scheme: str | None = None):
    """A browser context at a phone (390x844) or desktop (1440x900) size with the probe installed."""
    height = 844 if width <= 500 else 900
    options = {"viewport": {"width": width, "height": height}, "locale": "zh-CN"}
    if width <= 500:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    if scheme:
        options["color_scheme"] = scheme
    context = browser.new_context(**options)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    return context


def measure_site(browser, site_url: str, pages: list[tuple[str, int]], width: int, on_page=None, requests=None) -> list[dict]:
    """Every diagram of `pages` measured at `width`: one page load per page, one context per width.

    `on_page(page, path, count)` is called after each page has rendered; every request URL
    is appended to `requests` when given.
    """
    context = new_context(browser, width)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    results = []
    try:
        for path, count in pages:
            page.goto(site_url + path)
            wait_rendered(page, count)
            page.wait_for_timeout(100)  # let resize observers settle
            if on_page:
                on_page(page, path, count)
            for index, item in enumerate(page.evaluate(MEASURE)):
                results.append({"page": path, "index": index, **item})
    finally:
        context.close()
    return results


def measure_widths(browser, site_url: str, pages: list[tuple[str, int]], widths=(390, 1440), on_page=None, requests=None) -> dict[int, list[dict]]:
    """Every diagram of `pages` measured at each of `widths` with ONE page load per page.

    The tab is resized from one width to the next, as a phone turning or a window being
    resized would be; the diagrams lay themselves out again (the site's ResizeObserver).
    `on_page(page, path, count)` is called once per page after rendering.
    """
    context = new_context(browser, 1440)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    results: dict[int, list[dict]] = {w: [] for w in widths}
    try:
        for path, count in pages:
            page.set_viewport_size({"width": widths[0], "height": 844 if widths[0] <= 500 else 900})
            page.goto(site_url + path)
            wait_rendered(page, count)
            if on_page:
                on_page(page, path, count)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 844 if width <= 500 else 900})
                page.wait_for_timeout(150)  # let resize observers settle
                for index, item in enumerate(page.evaluate(MEASURE)):
                    results[width].append({"page": path, "index": index, **item})
    finally:
        context.close()
    return results


def summary(results: list[dict]) -> dict:
    sizes = [r["effective"] for r in results if r["effective"] is not None]
    smallest = min(results, key=lambda r: r["effective"] if r["effective"] is not None else 1e9)
    return {
        "diagrams": len(results),
        "below8": sum(s < 8 for s in sizes),
        "below10": sum(s < 10 for s in sizes),
        "smallest": round(min(sizes), 1),
        "smallest_at": f"{smallest['page']}#{smallest['index']}",
        "with_viewer": sum(r["viewer"] for r in results),
        "scrolling": sum(r["scrolls"] for r in results),
        "unreachable": sum(not r["reachable"] for r in results),
    }
