"""The real site: strict build, home page category table, navigation, and a browser walk-through."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, page_md, run_build
from kb.categories import count_pages, listed_pages, order_by_listing, render_table, sort_key

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


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("- [乙](b.md)：说明。\n- [甲](a.md#x)：说明。\n- [乙again](b.md)\n", ["k8s/b.md", "k8s/a.md"]),
        ("[外部](https://x.org/a.md) [上级](../linux/top.md) [子目录](sub/c.md)", ["linux/top.md", "k8s/sub/c.md"]),
        ("没有链接", []),
    ],
)
def test_listed_pages_in_index_order(markdown, expected):
    assert listed_pages("k8s/index.md", markdown) == expected


def test_order_by_listing_puts_index_first_and_returns_unlisted():
    uris = ["k/a.md", "k/index.md", "k/b.md", "k/c.md"]
    assert order_by_listing(uris, ["k/c.md", "k/a.md"]) == (["k/index.md", "k/c.md", "k/a.md", "k/b.md"], ["k/b.md"])


@pytest.mark.slow
def test_category_pages_follow_the_index_list_and_unlisted_pages_warn(make_project):
    files = {
        "index.md": page_md("首页"),
        "k8s/index.md": page_md("容器编排", "# 容器编排\n\n- [乙](b.md)：先读。\n- [甲](a.md)：后读。\n"),
        "k8s/a.md": page_md("甲"),
        "k8s/b.md": page_md("乙"),
    }
    project = make_project(files, config="extra:\n  categories: [k8s]\n")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    section = (project / "site" / "k8s" / "index.html").read_text(encoding="utf-8")
    assert section.index('href="b/"') < section.index('href="a/"')
    page_b = (project / "site" / "k8s" / "b" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-footer__link md-footer__link--next" aria-label="下一页: 甲"' in page_b

    files["k8s/c.md"] = page_md("丙")
    project = make_project(files, config="extra:\n  categories: [k8s]\n")
    result = run_build(project)
    assert result.returncode != 0
    assert "k8s/index.md: does not list k8s/c.md" in result.stderr


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
    content = [c for c in CATEGORIES if c != "about"]
    assert folders[: len(content)] == content
    # Then 「索引」 (the reader's indexes; its tab opens the glossary), then 关于本站.
    assert folders[len(content) :] == ["glossary", "about"]
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
