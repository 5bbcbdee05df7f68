"""`make offline`: a copy usable from file:// (issue 12).

Material's offline plugin keeps search working; the rest of the page's scripts need instant
loading off there (hooks/offline.py). Opened from file:// in Chromium, the real site's
offline build renders its diagrams, has copy buttons on code blocks, switches palettes,
searches, opens term popovers, and never makes an http(s) request.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import page_md, run_build
from diagramprobe import OPEN_SHADOW_ROOTS, wait_rendered
from kb.offline import FETCHING_FEATURES, local_scripts, offline_features

# Pages a reader opens in the offline copy: the home page, a category index, topics with
# diagrams and code blocks, the glossary. (The offline plugin turns off directory URLs.)
PAGES = ["index.html", "docker/index.html", "docker/multi-stage-build.html", "networking/iptables.html", "glossary.html"]


def test_offline_features_drop_what_fetches():
    features = ["navigation.instant", "navigation.instant.prefetch", "navigation.instant.preview", "navigation.tabs", "search.suggest"]
    assert offline_features(features) == ["navigation.tabs", "search.suggest"]
    assert offline_features([]) == []
    assert not set(offline_features(list(FETCHING_FEATURES)))


def test_offline_scripts_stay_local():
    urls = ["https://unpkg.com/iframe-worker/shim", "//cdn.example/x.js", "HTTP://a/b.js", "assets/x.js", "../y.js"]
    assert local_scripts(urls) == ["assets/x.js", "../y.js"]


def page_features(html: str) -> list[str]:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(config.group(1))["features"]


def test_offline_build_has_no_instant_loading(offline_site_dir, site_dir):
    offline = page_features((offline_site_dir / "index.html").read_text(encoding="utf-8"))
    online = page_features((site_dir / "index.html").read_text(encoding="utf-8"))
    assert "navigation.instant" in online  # the served site keeps it
    assert not [f for f in offline if f.startswith("navigation.instant")]
    assert (offline_site_dir / "assets" / "vendor" / "mermaid.min.js").is_file()
    assert "unpkg.com" not in (offline_site_dir / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def file_page(browser):
    """A phone-sized tab that records every request and page error."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True, is_mobile=True)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


@pytest.mark.browser
def test_offline_pages_work_from_file_url(offline_site_dir, file_page):
    page = file_page
    for rel in PAGES:
        html = (offline_site_dir / rel).read_text(encoding="utf-8")
        diagrams = html.count('<pre class="mermaid">')
        page.goto((offline_site_dir / rel).as_uri())
        page.wait_for_load_state("load")
        if diagrams:
            wait_rendered(page, diagrams)
            stats = page.evaluate("window.__kbDiagrams")
            assert stats["rendered"] == diagrams and not stats["failed"], rel
            assert page.locator("button.kb-diagram__open").first.is_visible()
        if "<pre" in html.replace('<pre class="mermaid">', ""):
            copy = page.locator(".md-typeset pre button[data-clipboard-target]").first
            copy.scroll_into_view_if_needed()
            assert copy.is_visible(), f"{rel}: a code block has a copy button"
    assert page.errors == []
    remote = [u for u in page.requests if u.startswith(("http://", "https://"))]
    assert remote == [], "the offline copy requested other hosts"
    assert any(u.endswith("assets/vendor/mermaid.min.js") for u in page.requests)


@pytest.mark.browser
def test_offline_palette_switch_and_diagram_viewer(offline_site_dir, file_page):
    page = file_page
    page.goto((offline_site_dir / "networking/iptables.html").as_uri())
    wait_rendered(page, 1)
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== {json.dumps(before)}")
    after = page.evaluate("document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == ("rgb(30, 33, 41)" if after == "slate" else "rgb(255, 255, 255)")
    page.locator("button.kb-diagram__open").first.tap()
    page.locator(".kb-viewer").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator(".kb-viewer").wait_for(state="detached")
    # A term popover opens on tap (web/popover/).
    page.locator("article a.autolink").first.tap()
    page.locator("#kb-popover").wait_for(state="visible")
    assert page.locator("#kb-popover").inner_text().strip()
    # Following a link loads the next page from the file system, with its scripts.
    page.locator("a.md-footer__link[href='arp.html']").tap()
    page.wait_for_url("**/networking/arp.html")
    wait_rendered(page, 1)
    assert page.locator("button.kb-diagram__open").first.is_visible()
    assert [u for u in page.requests if u.startswith(("http://", "https://"))] == []


@pytest.mark.browser
def test_offline_build_opens_from_file_url_and_searches(make_project, page):
    project = make_project(
        {
            "index.md": page_md("首页", "# 首页\n\n离线阅读的首页。\n"),
            "docker/index.md": page_md("容器", "# 容器\n\n[镜像](images.md)\n"),
            "docker/images.md": page_md("镜像", "# 镜像\n\n## 镜像拉取策略\n\nimagePullPolicy 决定是否拉取镜像。\n"),
        }
    )
    result = run_build(project, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "search" / "search_index.js").is_file()  # the index ships as a script for file://

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("imagePullPolicy", delay=30)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    assert "镜像" in first.inner_text()
    # Links between pages point at index.html files so they work without a server.
    page.locator("a[href$='docker/index.html']").first.wait_for(state="attached")
    assert [u for u in requests if u.startswith(("http://", "https://"))] == []
