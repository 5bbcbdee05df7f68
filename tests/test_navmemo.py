"""The navigation memo (hooks/navmemo.py, overrides/partials/nav-item.html) writes the theme's navigation."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, page_md, run_build, write_project

sys.path.insert(0, str(ROOT / "hooks"))

from kb.htmlwalk import tokenize  # noqa: E402
from kb.navmemo import NavMemo, link_base, url_parts  # noqa: E402


@pytest.mark.parametrize(
    "url, parts, base",
    [
        ("", (), ()),
        ("linux/", ("linux",), ("linux",)),
        ("linux/iptables/", ("linux", "iptables"), ("linux", "iptables")),
        ("linux/iptables.html", ("linux", "iptables.html"), ("linux",)),
        ("index.html", ("index.html",), ()),
        ("a/../b/", None, None),
    ],
)
def test_url_parts_and_link_base(url, parts, base):
    assert url_parts(url) == parts
    assert link_base(url) == base


def _item(url, children=(), active=False):
    return SimpleNamespace(url=url, children=list(children), active=active)


def _renders(memo, section, page_url):
    calls = []

    def render(item, path, level, parent):
        calls.append(path)
        return f"<li>{item.url}@{page_url}</li>"

    html = memo.children(section, None, "__nav_1", 1, SimpleNamespace(url=page_url), render)
    return html, calls


def test_pages_of_one_folder_share_inactive_items():
    items = [_item("cat/a/"), _item("cat/b/"), _item("cat/c/")]
    section = _item("cat/", items, active=True)
    memo = NavMemo()
    calls = []
    for current in items:
        current.active = True
        html, rendered = _renders(memo, section, current.url)
        current.active = False
        calls.append(rendered)
        assert html.count("<li>") == 3
    # First page: all three rendered (its own item for it alone); then only what was never rendered inactive.
    assert calls == [["__nav_1_1", "__nav_1_2", "__nav_1_3"], ["__nav_1_1", "__nav_1_2"], ["__nav_1_3"]]
    assert (memo.renders, memo.hits) == (3, 3)


def test_item_with_links_inside_the_page_folder_is_rendered_for_that_page():
    # cat/a/ is a page whose folder holds cat/a/deep/: from cat/a/ the link is "deep/", from cat/b/ "../a/deep/".
    a, b, c = _item("cat/a/"), _item("cat/b/"), _item("cat/c/")
    nested = _item("cat/a/deep/", [_item("cat/a/deep/")])
    section = _item("cat/", [a, b, c, nested], active=True)
    memo = NavMemo()
    for current in (c, b, a):
        current.active = True
        html, calls = _renders(memo, section, current.url)
        current.active = False
    assert calls == ["__nav_1_1", "__nav_1_4"]  # b and c from earlier pages; the nested section rendered anew
    assert "cat/a/deep/@cat/a/" in html


def test_file_urls_of_one_directory_share_everything():
    # use_directory_urls: false — links start from the directory itself, which is then the whole key.
    section = _item("cat/", [_item("cat/a.html"), _item("cat/b.html")], active=False)
    memo = NavMemo()
    _renders(memo, section, "index.html")
    _, calls = _renders(memo, section, "other.html")
    assert calls == []
    _, calls = _renders(memo, section, "cat/a.html")
    assert calls == ["__nav_1_1", "__nav_1_2"]  # another directory: other links


# --- builds: the result is the theme's own navigation -------------------------------------------


def primary_nav(html: str) -> list[tuple]:
    """The tokens of the primary navigation, whitespace-insensitive."""
    out, depth, inside = [], 0, False
    for token in tokenize(html):
        if not inside and token.kind == "start" and token.tag == "nav" and "md-nav--primary" in token.classes:
            inside = True
        if not inside:
            continue
        if token.kind == "start" and token.tag == "nav":
            depth += 1
        elif token.kind == "end" and token.tag == "nav":
            depth -= 1
        if token.kind == "text":
            if token.text.strip():
                out.append(("text", " ".join(token.text.split())))
        elif token.kind != "other":
            attrs = tuple(sorted((k, " ".join(v.split()) if v else v) for k, v in token.attrs))
            out.append((token.kind, token.tag, attrs))
        if inside and depth == 0 and token.kind == "end":
            break
    return out


def theme_overrides(dest: Path) -> Path:
    """Our overrides without our nav-item.html: the theme's own partial renders the navigation."""
    shutil.copytree(ROOT / "overrides", dest)
    (dest / "partials" / "nav-item.html").unlink()
    return dest


def assert_same_navigation(ours: Path, theirs: Path) -> int:
    pages = sorted(ours.rglob("index.html"))
    assert pages
    for path in pages:
        mine = primary_nav(path.read_text(encoding="utf-8"))
        assert mine, f"{path}: no primary navigation"
        assert mine == primary_nav((theirs / path.relative_to(ours)).read_text(encoding="utf-8")), path
    return len(pages)


def test_real_site_navigation_is_the_themes(site_dir, tmp_path):
    custom = theme_overrides(tmp_path / "theme-overrides")
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\ntheme:\n  name: material\n  custom_dir: {custom}\n",
        "utf-8",
    )
    result = run_build(ROOT, "-f", str(config), site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert assert_same_navigation(site_dir, tmp_path / "site") > 100


NESTED = {
    "index.md": page_md("首页"),
    "alpha/index.md": page_md("甲类"),
    "alpha/one.md": page_md("甲一"),
    "alpha/two.md": page_md("甲二"),
    "alpha/two/deep.md": page_md("甲二之下"),  # a page inside another page's folder
    "alpha/sub/index.md": page_md("甲子节"),
    "alpha/sub/x.md": page_md("甲子甲"),
    "alpha/sub/y.md": page_md("甲子乙"),
    "alpha/sub/inner/z.md": page_md("三层"),
    "beta/b1.md": page_md("乙一"),
    "beta/b2.md": page_md("乙二"),
}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_nested_sections_match_the_theme(tmp_path, directory_urls):
    config = f"use_directory_urls: {str(directory_urls).lower()}\n"
    ours = write_project(tmp_path / "ours", NESTED, config)
    theirs = write_project(tmp_path / "theirs", NESTED, config)
    (theirs / "overrides").unlink()
    theme_overrides(theirs / "overrides")
    for project in (ours, theirs):
        result = run_build(project)
        assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted((ours / "site").rglob("*.html"))
    compared = 0
    for path in pages:
        if path.name == "404.html":
            continue
        mine = primary_nav(path.read_text(encoding="utf-8"))
        if not mine:
            continue
        assert mine == primary_nav((theirs / "site" / path.relative_to(ours / "site")).read_text("utf-8")), path
        compared += 1
    assert compared >= len(NESTED)


def test_reader_follows_reused_navigation_links(site_url, page):
    """Items rendered for one page and reused on another lead where they say, and mark the right page."""
    page.goto(site_url + "kubernetes/pod/")
    nav = page.locator("nav.md-nav--primary")
    assert " ".join(nav.locator(".md-nav__link--active").first.inner_text().split()) == "Pod 与 pause 容器"
    for title, path in (("CNI 与 Calico", "kubernetes/cni-and-calico/"), ("kubeadm 与 kubectl", "kubernetes/kubeadm-kubectl/")):
        nav.locator("a.md-nav__link", has_text=title).first.click()
        page.wait_for_url(site_url + path)
        active = page.locator("nav.md-nav--primary .md-nav__link--active").first
        assert " ".join(active.inner_text().split()) == title
        assert page.locator("h1").first.inner_text().strip().rstrip("¶").strip() == title  # ¶: the hidden permalink
