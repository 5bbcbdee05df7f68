"""The served site makes no request to any other host (issue 12).

No web fonts (theme.font: false, a system font stack), Mermaid from the site itself, no
GitHub API call for the repository widget. A reader's tour of the site served on 127.0.0.1
records every request the pages make and fails on any other host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from diagramprobe import OPEN_SHADOW_ROOTS, wait_rendered

TOUR = ["", "kubernetes/", "kubernetes/architecture/", "glossary/", "networking/iptables/", "graph/", "interview/practice/"]


def test_pages_name_no_other_host_for_fonts_scripts_or_styles(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    assert 'data-md-component="source"' not in home  # Material would fetch repo facts from the GitHub API
    assert 'class="md-source"' in home  # the repository link itself stays
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", home):
        src = re.search(r'(?:src|href)="([^"]+)"', tag)
        if src and ("<script" in tag or "stylesheet" in tag):
            assert not src.group(1).startswith(("http:", "https:", "//")), tag
    bundle = (site_dir / "assets" / "javascripts" / "diagrams.js").read_text(encoding="utf-8")
    assert re.findall(r"https?://[^\s\"'`]+", bundle) == []  # no CDN fallback for Mermaid


@pytest.mark.browser
def test_a_readers_tour_requests_only_the_site(site_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(OPEN_SHADOW_ROOTS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    origin = urlsplit(site_url).netloc
    try:
        for path in TOUR:
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            diagrams = page.evaluate("document.querySelectorAll('pre.mermaid, div.mermaid').length")
            if diagrams:
                wait_rendered(page, diagrams)
        # A term popover on hover.
        page.locator("article a.autolink").first.hover()
        page.locator("#kb-popover").wait_for(state="visible")
        # Follow a link with instant loading, then search.
        page.goto(site_url)
        page.locator(".md-content a[href$='kubernetes/']").first.click()
        page.wait_for_url("**/kubernetes/")
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("iptables", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")
        # The page's text is in the system font stack, not a web font.
        family = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "PingFang SC" in family and "Noto Sans CJK SC" in family and "Roboto" not in family.split(",")[0]
    finally:
        context.close()
    assert requests, "the tour recorded requests"
    others = sorted({u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin})
    assert others == []
