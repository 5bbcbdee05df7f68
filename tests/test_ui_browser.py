"""The Chinese UI, question links, the glossary's filter, navigation and small layout fixes, as a
reader sees them in Chromium (issue 12, items 6-10). Built site served on 127.0.0.1; the server
here answers missing addresses with 404.html, as GitHub Pages does."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
import unicodedata
import urllib.parse
from pathlib import Path

import pytest
from kb.htmlwalk import tokenize

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MATERIAL = Path(__import__("material").__file__).parent / "templates"

# English UI strings the site could show: Material's English translations (its language file),
# Python-Markdown's permalink title and admonition defaults, the theme's stock 404 heading.
_CONFIG_KEYS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def _english_ui_strings() -> set[str]:
    source = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    pairs = re.findall(r'^\s+"([^"]+)": "((?:[^"\\]|\\.)*)",?$', source, re.M)
    assert len(pairs) > 40, "Material's language file changed shape"
    strings = {value for key, value in pairs if key not in _CONFIG_KEYS and len(value) > 2}
    admonitions = "note abstract info tip success question warning failure danger bug example quote"
    return strings | {"Permanent link", "404 - Not found", "Made with"} | {w.capitalize() for w in admonitions.split()}


ENGLISH = _english_ui_strings()
_ATTRS = ("title", "aria-label", "placeholder", "alt", "data-clipboard-text")


def _english_in(text: str) -> bool:
    text = " ".join(text.split())
    return text in ENGLISH or re.sub(r"\d+", "#", text) in ENGLISH


class _Pages(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing one gets 404.html with status 404 (GitHub Pages does the same)."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(site_dir):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Pages, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True, is_mobile=True, device_scale_factor=2
    )
    yield context.new_page()
    context.close()


# --- no English UI strings ------------------------------------------------------------------------


def test_built_html_has_no_english_ui_strings(site_dir):
    hits = []
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        skip = 0  # depth inside <pre>, <code>, <script>, <style>: code and data, not UI
        for token in tokenize(path.read_text(encoding="utf-8")):
            if token.kind == "start" and token.tag in ("pre", "code", "script", "style"):
                skip += 1
            elif token.kind == "end" and token.tag in ("pre", "code", "script", "style"):
                skip = max(0, skip - 1)
            if token.kind in ("start", "startend"):
                hits += [(path, f"{a}={v!r}") for a, v in token.attrs if a in _ATTRS and v and _english_in(v)]
            elif token.kind == "text" and not skip and _english_in(token.text):
                hits.append((path, token.text.strip()))
    assert not hits, [(str(p.relative_to(site_dir)), s) for p, s in hits[:20]]


_VISIBLE_UI = """() => {
  const out = []
  for (const el of document.querySelectorAll("*")) {
    for (const a of ["title", "aria-label", "placeholder", "alt"]) {
      const v = el.getAttribute(a)
      if (v) out.push(v)
    }
  }
  // Text a reader sees outside the article (header, tabs, navigation, search, footer) and the
  // titles of admonitions and collapsible blocks inside it.
  const article = document.querySelector("article")
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement
    if (!el || (article && article.contains(el) && !el.closest(".admonition-title, summary"))) continue
    if (el.closest("script, style, code, pre") || !el.getClientRects().length) continue
    if (n.textContent.trim()) out.push(n.textContent.trim())
  }
  for (const tip of document.querySelectorAll(".md-tooltip, .md-tooltip2")) out.push(tip.textContent.trim())
  return out
}"""


@pytest.mark.parametrize("path", ["", "networking/iptables/", "glossary/", "interview/", "no/such/page/"])
def test_no_english_ui_strings_after_javascript(page, pages_url, path):
    page.goto(pages_url + path)
    page.wait_for_load_state("networkidle")
    # Open the search and look for something, so its placeholder, status and result texts exist.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("iptables", delay=20)
    page.locator(".md-search-result__meta").wait_for(timeout=10_000)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    texts = page.evaluate(_VISIBLE_UI)
    assert texts, "nothing collected"
    english = sorted({t for t in texts if _english_in(t)})
    assert not english, english
    assert page.locator(".md-search-result__meta").inner_text().strip()  # e.g. 「找到 8 个符合条件的结果」
    assert not re.search(r"[A-Za-z]{3,}", page.locator(".md-search-result__meta").inner_text())


def test_code_copy_button_and_permalinks_speak_chinese(page, pages_url, site_dir):
    html = (site_dir / "networking" / "iptables" / "index.html").read_text(encoding="utf-8")
    titles = {t.attr("title") for t in tokenize(html) if t.kind == "start" and "headerlink" in t.classes}
    assert titles == {"本节链接"}
    page.goto(pages_url + "networking/iptables/")
    button = page.locator("pre button[data-md-type='copy'], button.md-clipboard").first
    button.wait_for()
    assert button.get_attribute("title") == "复制"
    # The built page titles permalinks 「本节链接」; Material's instant previews may drop the title.
    link = page.locator("h2 a.headerlink").first
    assert link.get_attribute("title") in (None, "本节链接")


# --- the 404 page ---------------------------------------------------------------------------------


def test_404_page_in_chinese_with_search_categories_and_home(page, pages_url, site_dir):
    response = page.goto(pages_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("article h1").inner_text().strip() == "页面不存在"
    assert "没有找到" in page.locator("article").inner_text()
    # The categories, each linking to a page that exists.
    links = page.locator("article .kb-404__categories a")
    titles = [t.strip() for t in links.all_inner_texts()]
    assert {"系统设计", "Docker 与容器", "Kubernetes", "网络", "索引"} <= set(titles), titles
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        assert page.request.get(urllib.parse.urljoin(page.url, href)).status == 200, href
    # The search box works from here.
    page.get_by_role("button", name="搜索本站").focus()
    page.keyboard.press("Enter")  # a keyboard reader opens it too
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    search.press_sequentially("etcd", delay=20)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    assert page.request.get(urllib.parse.urljoin(page.url, first.get_attribute("href"))).status == 200
    page.keyboard.press("Escape")
    # And a way home.
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(pages_url)
    assert page.locator("article h1").first.inner_text().strip()


# --- a question link opens the question -------------------------------------------------------------

_QUESTION_STATE = """(id) => {
  const d = document.getElementById(id)
  if (!d) return null
  const r = d.getBoundingClientRect()
  let closed = 0
  for (let n = d; n; n = n.parentElement) if (n.tagName === "DETAILS" && !n.open) closed++
  return { open: d.open, closed, top: r.top, bottom: r.bottom, height: innerHeight,
           hash: decodeURIComponent(location.hash.slice(1)), path: location.pathname }
}"""


def _assert_question_shown(page, qid):
    time.sleep(1.2)  # navigation.tracking rewrites the address 250 ms after a scroll settles
    state = page.evaluate(_QUESTION_STATE, qid)
    assert state is not None, qid
    assert state["open"] and state["closed"] == 0, state
    assert 0 <= state["top"] < state["height"] and state["top"] < state["bottom"], state  # in the viewport
    assert state["hash"] == qid, state


@pytest.mark.parametrize("nth", [0, -1])
def test_question_link_from_interview_opens_the_question(page, pages_url, nth):
    page.goto(pages_url + "interview/")
    links = page.locator("article a[href*='#q-']")
    assert links.count() > 100
    link = links.nth(nth if nth >= 0 else links.count() + nth)
    qid = urllib.parse.unquote(link.get_attribute("href").split("#", 1)[1])
    link.click()  # Material's instant navigation
    page.wait_for_function("(id) => !!document.getElementById(id)", arg=qid)
    _assert_question_shown(page, qid)
    # A shared link (a fresh load of the same address) lands the same way.
    page.goto(page.url)
    _assert_question_shown(page, qid)


def test_question_address_follows_the_reader_once_they_scroll(page, pages_url):
    page.goto(pages_url + "interview/")
    link = page.locator("article a[href*='#q-']").nth(3)
    qid = urllib.parse.unquote(link.get_attribute("href").split("#", 1)[1])
    link.click()
    page.wait_for_function("(id) => !!document.getElementById(id)", arg=qid)
    _assert_question_shown(page, qid)
    page.mouse.move(600, 500)  # over the text, not the header
    page.mouse.wheel(0, -3000)  # the reader scrolls up: the address follows the headings again
    time.sleep(1.0)
    assert urllib.parse.unquote(page.evaluate("location.hash")) != f"#{qid}"


# --- the glossary ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _expected_matches(site_dir: Path, query: str) -> int:
    """Entries whose spellings or summary contain the query, read from the built HTML."""
    html = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    count, spellings, in_summary = 0, None, False
    summary: list[str] = []
    for token in tokenize(html):
        if token.kind == "start" and token.tag == "dt" and token.attr("data-match") is not None:
            spellings = token.attr("data-match").split("\n")
        elif token.kind == "start" and token.tag == "p" and "kb-glossary__summary" in token.classes:
            in_summary, summary = True, []
        elif in_summary and token.kind == "text":
            summary.append(token.text)
        elif in_summary and token.kind == "end" and token.tag == "p":
            in_summary = False
            q = _fold(query)
            count += any(q in _fold(s) for s in spellings) or q in _fold("".join(summary))
    return count


def _visible_terms(page) -> list[str]:
    return [t.strip() for t in page.locator("dl.kb-glossary > dt:visible").all_inner_texts()]


def test_glossary_filter_by_typing(page, pages_url, site_dir):
    page.goto(pages_url + "glossary/")
    total = page.locator("dl.kb-glossary > dt").count()
    assert total > 200
    status = page.locator(".kb-glossary-filter__count")
    assert status.inner_text() == f"共 {total} 个术语"
    # Keyboard: the filter is reachable with Tab from the page's top.
    box = page.get_by_label("筛选术语")
    box.focus()
    page.keyboard.type("etcd")
    expected = _expected_matches(site_dir, "etcd")
    assert 1 < expected < 20
    page.wait_for_function(
        "(n) => document.querySelectorAll('dl.kb-glossary > dt:not([hidden])').length === n", arg=expected
    )
    visible = _visible_terms(page)
    assert len(visible) == expected and "etcd" in visible
    assert status.inner_text() == f"匹配 {expected} 个术语（共 {total} 个）"
    assert page.locator("h2#letter-e").is_visible() and not page.locator("h2#letter-a").is_visible()
    toc = page.locator(".md-nav--secondary a[href='#letter-a']").first
    assert toc.count() == 0 or not toc.is_visible()  # the table of contents hides empty groups
    # Full-width and upper case find the same entries.
    box.fill("ＥＴＣＤ")
    assert len(_visible_terms(page)) == expected
    # Nothing matches: one clear line.
    box.fill("没有这个词的术语")
    assert _visible_terms(page) == []
    assert page.locator(".kb-glossary-empty").is_visible()
    assert page.locator(".kb-glossary-empty").inner_text() == "没有匹配的术语"
    # Escape clears the filter.
    box.press("Escape")
    assert len(_visible_terms(page)) == total and not page.locator(".kb-glossary-empty").is_visible()


def test_glossary_filter_works_from_file(page, site_dir):
    page.goto((site_dir / "glossary" / "index.html").as_uri())
    page.get_by_label("筛选术语").fill("etcd")
    assert len(_visible_terms(page)) == _expected_matches(site_dir, "etcd")


def test_glossary_shows_distinct_aliases_only(page, pages_url):
    page.goto(pages_url + "glossary/")
    etcd = page.locator("dl.kb-glossary > dt", has_text=re.compile(r"^\s*etcd\s*$"))
    entry = etcd.locator("xpath=following-sibling::dd[1]").inner_text()
    assert "ETCD" not in entry and "Etcd" not in entry
    for aliases in page.locator(".kb-glossary__aliases").all_inner_texts():
        shown = aliases.removeprefix("别名：").split("、")
        keys = [_fold(a) for a in shown]
        assert len(keys) == len(set(keys)), aliases


@pytest.mark.parametrize("width", [1440, 390])
def test_glossary_jump_bar_lands_below_the_sticky_tools(browser, pages_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(pages_url + "glossary/")
    letters = page.locator(".kb-glossary-jump a")
    assert letters.count() >= 20
    target = page.locator(".kb-glossary-jump a", has_text=re.compile(r"^K$"))
    target.scroll_into_view_if_needed()
    target.click()
    time.sleep(0.6)
    heading = page.locator("h2#letter-k").bounding_box()
    tools = page.locator(".kb-glossary-tools").bounding_box()
    assert tools["y"] < 200  # stuck under the header
    assert tools["y"] + tools["height"] <= heading["y"] + 1 < page.viewport_size["height"], (tools, heading)
    context.close()


# --- navigation ---------------------------------------------------------------------------------------


def test_no_top_level_tab_for_a_single_page(page, pages_url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(pages_url)
    tabs = page.locator(".md-tabs__link")
    names = [t.strip() for t in tabs.all_inner_texts()]
    assert "索引" in names and "其他" not in names
    assert names.index("索引") == names.index("关于本站") - 1
    hrefs = [tabs.nth(i).get_attribute("href") for i in range(tabs.count())]
    for name, href in list(zip(names, hrefs, strict=True))[1:]:  # the home page is the first tab
        page.goto(urllib.parse.urljoin(pages_url, href))
        side = page.locator(
            "nav.md-nav--primary > ul > li.md-nav__item--active a.md-nav__link:not(.md-nav--secondary a)"
        )
        pages = {h for h in side.evaluate_all("els => els.map(e => e.pathname)")}
        assert len(pages) >= 2, (name, pages)


def test_index_section_lists_the_readers_indexes(page, pages_url):
    page.goto(pages_url + "glossary/")
    section = page.locator("nav.md-nav--primary > ul > li.md-nav__item--active")
    labels = [
        t.strip()
        for t in section.locator(
            ":scope > nav > ul > li > a.md-nav__link, :scope > nav > ul > li > label.md-nav__link, :scope > nav > ul > li > .md-nav__link"
        ).all_inner_texts()
    ]
    labels = list(dict.fromkeys(label for label in labels if label))  # the open page shows twice
    assert labels[:3] == ["术语表", "面试题索引", "刷题练习"], labels
    assert "标签索引" in labels and "知识图谱" in labels


# --- phones: table code, tooltips -------------------------------------------------------------------------


def test_table_code_is_not_broken_inside_identifiers_at_390(phone, pages_url):
    phone.goto(pages_url + "networking/iptables/")
    report = phone.evaluate(
        """() => Array.from(document.querySelectorAll("article td code, article th code")).map(c => {
             const wrap = c.closest(".md-typeset__scrollwrap, .md-typeset__table") || c.closest("table")
             return { text: c.textContent, lines: c.getClientRects().length,
                      scrolls: wrap.scrollWidth > wrap.clientWidth,
                      overflow: getComputedStyle(c.closest("table")).overflowX }
           })"""
    )
    assert any(r["text"] == "PREROUTING" for r in report)
    broken = [r["text"] for r in report if r["lines"] != 1]
    assert not broken, broken
    # Tables too wide for the phone scroll inside their wrapper; the page itself does not.
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_palette_tooltip_does_not_stay_after_a_tap(phone, pages_url):
    phone.goto(pages_url + "networking/iptables/")
    toggle = phone.locator("form[data-md-component='palette'] label:visible").first
    before = phone.locator("body").get_attribute("data-md-color-scheme")
    toggle.tap()
    phone.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    # A phone leaves a sticky hover on whatever is under the finger: now the other toggle.
    box = phone.locator("form[data-md-component='palette'] label:visible").first.bounding_box()
    phone.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    time.sleep(0.6)
    shown = phone.evaluate(
        """() => Array.from(document.querySelectorAll(".md-tooltip, .md-tooltip2")).filter(t => {
             const r = t.getBoundingClientRect(), s = getComputedStyle(t)
             return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && Number(s.opacity) > 0
           }).map(t => t.textContent.trim())"""
    )
    assert not shown, shown


# --- last updated ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["networking/iptables/", "", "glossary/"])
def test_last_updated_in_chinese(page, pages_url, path):
    page.goto(pages_url + path)
    line = page.locator(".md-source-file")
    line.scroll_into_view_if_needed()
    assert line.is_visible()
    text = " ".join(line.inner_text().split())
    assert re.fullmatch(r"最后更新：20\d\d 年 \d{1,2} 月 \d{1,2} 日", text), text
