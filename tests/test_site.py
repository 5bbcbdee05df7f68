"""The real site: strict build, home page category table, navigation, and a browser walk-through."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT
from kb.categories import count_pages, render_table, sort_key

CATEGORIES = yaml.safe_load(
    re.search(r"^  categories:\n((?:    - .+\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    .group(1)
    .replace("    - ", "- ")
)


# --- pure functions ---------------------------------------------------------------------------


def test_count_pages_skips_category_index_and_unknown_folders():
    uris = ["index.md", "docker/index.md", "docker/a.md", "docker/sub/b.md", "other/c.md", "docker/x.png"]
    assert count_pages(uris, ["docker", "linux"]) == {"docker": 2, "linux": 0}


def test_sort_key_keeps_home_first_and_unknown_last():
    key = sort_key(["b", "a"])
    assert sorted([None, "a", "zzz", "b"], key=key) == [None, "b", "a", "zzz"]


def test_render_table_escapes_and_links():
    table = render_table({"docker": 3}, {"docker": "Docker <容器>"}, {"docker": "a|b"})
    assert "| [Docker &lt;容器&gt;](docker/index.md) | 3 | a&#124;b |" in table


# --- the real site -----------------------------------------------------------------------------


def test_every_category_folder_is_configured_and_has_an_index():
    folders = sorted(p.name for p in (ROOT / "docs").iterdir() if p.is_dir() and not p.name.startswith("."))
    assert sorted(CATEGORIES) == folders
    for slug in CATEGORIES:
        assert (ROOT / "docs" / slug / "index.md").is_file(), slug


@pytest.mark.slow
def test_home_page_lists_categories_with_page_counts(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for slug in CATEGORIES:
        count = len([p for p in (ROOT / "docs" / slug).rglob("*.md") if p.name != "index.md"])
        assert re.search(rf'href="{slug}/"[^>]*>[^<]+</a></td>\s*<td[^>]*>{count}</td>', html), slug


@pytest.mark.slow
def test_navigation_tabs_follow_configured_order(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-tabs__link', html)
    hrefs = [a or b for a, b in tabs]
    folders = [h.strip("./").split("/")[0] for h in hrefs if h.strip("./")]
    assert folders[: len(CATEGORIES)] == CATEGORIES
    # Generated top-level pages (glossary, question index) come after the categories.
    assert set(folders[len(CATEGORIES) :]) <= {"glossary", "interview"}
    # Section titles come from each category's index.md title, not from the folder name.
    assert re.search(r'class="md-tabs__link[^"]*">\s*Docker 与容器\s*</a>', html)


@pytest.mark.browser
def test_browser_home_category_dark_mode_and_search(page, site_url):
    page.goto(site_url)
    assert "后端与 DevOps 知识库" in page.title()

    # Follow a category from the home page table.
    page.locator("article table a[href$='/docker/']").click()
    page.wait_for_url(re.compile(r"/docker/$"))
    assert page.locator("article h1").first.inner_text().strip() != ""

    # Toggle dark mode: the palette switch flips the colour scheme on <body>.
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    assert page.locator("body").get_attribute("data-md-color-scheme") in {"default", "slate"}

    # Search: the result list shows at least one hit.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Docker", delay=30)  # Material reacts to key events, not to .fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert "Docker" in results.first.inner_text()
