"""Term popovers and term links as a reader meets them (web/popover/, hooks/autolinks.py).

The real site, built once per session (conftest.site_dir), served on a free port, never the
port of site_url (http://127.0.0.1:8000/): the popover must not depend on the origin. The
offline copy (OFFLINE=true) is built once for this module and opened from file://.
Each test drives Chromium as a reader: hover, keyboard, tap at 390×844, both palettes,
after Material's instant navigation; and the share of term-link text on the listing pages.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOPIC = "middleware/consul-etcd/"  # many term links, a long page, no diagrams to wait for
LISTING = ["", *[f"{slug}/" for slug in ("system-design", "distributed", "security", "middleware", "databases",
                                          "devops", "docker", "kubernetes", "linux", "networking")]]
# The pages bench/linkshare.py finds densest.
DENSE_TOPICS = ["kubernetes/versions/", "kubernetes/networking/", "devops/platform-engineering/"]
LISTING_CAP, TOPIC_CAP = 0.05, 0.06
PHONE = {"width": 390, "height": 844}

# The share in the rendered DOM: visible characters (no white space) of the article, without
# scripts, styles, SVG, diagrams and ¶ permalinks; those inside term links.
SHARE_JS = """
() => {
  const article = document.querySelector("article.md-content__inner")
  const skip = (el) => el.closest("script, style, svg, .mermaid, .headerlink")
  let total = 0, linked = 0
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (skip(node.parentElement)) continue
    const n = node.data.replace(/\\s/g, "").length
    total += n
    if (node.parentElement.closest("a.autolink")) linked += n
  }
  return { total, linked, links: article.querySelectorAll("a.autolink").length }
}
"""


def visible_popover(page):
    popover = page.locator("#kb-popover")
    popover.wait_for(state="visible", timeout=5_000)
    return popover


def inside(box, viewport):
    return (
        box["width"] > 0
        and box["height"] > 0
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


def viewport_box(page, locator):
    """The element's box relative to the viewport (getBoundingClientRect)."""
    return locator.evaluate("el => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height} }")


def first_term_link(page):
    link = page.locator("article a.autolink").first
    link.scroll_into_view_if_needed()
    return link


def assert_shows(page, link, popover):
    summary = link.get_attribute("data-summary")
    term = link.get_attribute("data-term")
    assert summary and term
    text = popover.inner_text()
    assert term in text and summary in text, text
    go = popover.locator("a.kb-popover__link")
    assert go.inner_text() == "查看定义"
    assert go.get_attribute("href") == link.get_attribute("href")
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("aria-describedby") == "kb-popover-summary"


def test_served_on_another_port_than_site_url(site_url):
    assert urlsplit(site_url).port != 8000  # site_url in mkdocs.yml is http://127.0.0.1:8000/


def test_hover_shows_the_definition_and_keeps_it_while_the_pointer_is_on_it(site_url, page):
    page.goto(site_url + TOPIC)
    link = first_term_link(page)
    assert link.get_attribute("title") is None  # the popover replaces the browser's tooltip
    link.hover()
    popover = visible_popover(page)
    assert_shows(page, link, popover)
    assert inside(viewport_box(page, popover), page.viewport_size)
    page.screenshot(path="/tmp/popover-desktop.png")
    # no second tooltip from Material on top of ours
    assert page.locator(".md-tooltip2--active, .md-tooltip--active").count() == 0
    # the pointer travels onto the popover: it stays; then away: it closes
    popover.hover()
    page.wait_for_timeout(600)
    assert popover.is_visible()
    page.mouse.move(5, page.viewport_size["height"] - 5)
    popover.wait_for(state="hidden", timeout=3_000)


def test_keyboard_focus_shows_it_and_escape_closes_it(site_url, page):
    page.goto(site_url + TOPIC)
    # Start just before a paragraph whose first link is a term link, then Tab to it.
    page.evaluate(
        """() => {
          const p = [...document.querySelectorAll("article p")].find(p => {
            const a = p.querySelector("a"); return a && a.classList.contains("autolink") })
          p.setAttribute("tabindex", "-1"); p.focus(); p.dataset.kbTest = "1"
        }"""
    )
    page.keyboard.press("Tab")
    link = page.locator("article p[data-kb-test] a.autolink").first
    assert link.evaluate("el => el === document.activeElement && el.matches(':focus-visible')")
    popover = visible_popover(page)
    assert_shows(page, link, popover)
    outline = link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden", timeout=2_000)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def tap_opens_then_link_navigates(tab, url):
    tab.goto(url)
    link = first_term_link(tab)
    href = link.evaluate("el => el.href")
    link.tap()
    popover = visible_popover(tab)
    assert tab.url == url  # the first tap did not follow the link
    assert_shows(tab, link, popover)
    assert inside(viewport_box(tab, popover), PHONE)
    return link, href, popover


def test_tap_on_a_phone_opens_it_and_its_link_goes_to_the_definition(site_url, phone):
    link, href, popover = tap_opens_then_link_navigates(phone, site_url + TOPIC)
    phone.screenshot(path="/tmp/popover-phone.png")
    # a tap elsewhere closes it; tapping the term again reopens it
    phone.locator("article h1").tap()
    popover.wait_for(state="hidden", timeout=2_000)
    link.tap()
    popover = visible_popover(phone)
    popover.locator("a.kb-popover__link").tap()
    phone.wait_for_url(lambda url: url.split("#")[0] == href.split("#")[0], timeout=10_000)
    target = unquote(href.split("#")[1])
    phone.wait_for_function("id => !!document.getElementById(id)", arg=target)
    assert phone.locator("#kb-popover:visible").count() == 0


def luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_palettes_style_term_links_and_popover_legibly(site_url, browser, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site_url + TOPIC)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        link = first_term_link(page)
        style = link.evaluate(
            """el => { const s = getComputedStyle(el); const a = document.createElement("a");
                 a.href = "#"; a.textContent = "x"; el.parentElement.appendChild(a);
                 const page = getComputedStyle(a).color; a.remove();
                 return {line: s.textDecorationLine, style: s.textDecorationStyle, color: s.color,
                         text: getComputedStyle(el.parentElement).color, page} }"""
        )
        assert style["line"] == "underline" and style["style"] == "dotted"
        assert style["color"] != style["page"]  # not the page-link colour
        assert style["color"] == style["text"]  # reads as text
        link.hover()
        popover = visible_popover(page)
        colours = popover.evaluate(
            """el => { const s = getComputedStyle(el);
                 const link = getComputedStyle(el.querySelector(".kb-popover__link"));
                 return {fg: s.color, bg: s.backgroundColor, link: link.color} }"""
        )
        assert contrast(colours["fg"], colours["bg"]) >= 7, colours
        assert contrast(colours["link"], colours["bg"]) >= 3, colours
        assert (luminance(colours["bg"]) < 0.1) == (scheme == "dark"), colours
        page.screenshot(path=f"/tmp/popover-{scheme}.png")
    finally:
        context.close()


class _SameOriginSitemap(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as if site_url were this server: Material's instant navigation
    only intercepts links listed in sitemap.xml, whose URLs keep site_url's port."""

    def do_GET(self):  # noqa: N802 - name fixed by the base class
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().do_GET()
        text = (self.directory_path / "sitemap.xml").read_text(encoding="utf-8")
        host = f"127.0.0.1:{self.server.server_address[1]}"
        body = re.sub(r"<loc>https?://[^/<]+", f"<loc>http://{host}", text).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@pytest.fixture(scope="module")
def instant_url(site_dir):
    handler = functools.partial(_SameOriginSitemap, directory=str(site_dir))
    _SameOriginSitemap.directory_path = site_dir
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_works_after_instant_navigation(instant_url, page):
    page.goto(instant_url + "middleware/")
    page.wait_for_load_state("networkidle")  # the sitemap is in: clicks are intercepted
    page.evaluate("() => { window.__kbNoReload = true }")
    page.locator("article a[href$='consul-etcd/']").first.click()
    page.wait_for_url(re.compile(r"middleware/consul-etcd/$"))
    page.locator("article h1").wait_for()
    assert page.evaluate("() => window.__kbNoReload === true")  # instant navigation, no reload
    link = first_term_link(page)
    link.hover()
    popover = visible_popover(page)
    assert_shows(page, link, popover)
    assert page.locator(".md-tooltip2--active").count() == 0
    assert page.locator("article a.autolink[title]").count() == 0


def test_offline_copy_from_file_url_hover_and_tap(offline_site_dir, page, phone):
    url = (offline_site_dir / "middleware" / "consul-etcd.html").as_uri()  # no directory URLs offline
    page.goto(url)
    link = first_term_link(page)
    link.hover()
    assert_shows(page, link, visible_popover(page))
    link, href, popover = tap_opens_then_link_navigates(phone, url)
    popover.locator("a.kb-popover__link").tap()
    phone.wait_for_url(lambda u: u.split("#")[0] == href.split("#")[0], timeout=10_000)
    assert href.startswith("file://") and href.split("#")[0].endswith(".html")


def test_term_links_stay_under_the_caps_in_the_rendered_pages(site_url, page):
    """The home page and every category index at most 5 %; the densest topic pages at most 6 %."""
    shares = {}
    for path, cap in [*((p, LISTING_CAP) for p in LISTING), *((p, TOPIC_CAP) for p in DENSE_TOPICS)]:
        page.goto(site_url + path, wait_until="domcontentloaded")
        share = page.evaluate(SHARE_JS)
        assert share["total"] > 0, path
        shares[path] = share["linked"] / share["total"]
        assert shares[path] <= cap, (path, share)
        assert share["links"] > 0 or path in LISTING, path


def test_without_javascript_the_browser_tooltip_keeps_the_summary(site_url, browser):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(site_url + TOPIC)
        link = page.locator("article a.autolink").first
        assert link.get_attribute("title") == link.get_attribute("data-summary") != ""
        assert page.locator("#kb-popover").count() == 0
    finally:
        context.close()
