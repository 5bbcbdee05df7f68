"""Nothing lost, nothing broken: the build leaves docs/ untouched and every internal link resolves."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import DOCS_BEFORE_BUILD, ROOT, hash_tree
from sitecheck import broken_links

pytestmark = pytest.mark.slow


def test_build_does_not_modify_docs(site_dir):
    assert DOCS_BEFORE_BUILD, "site_dir fixture did not record docs/ hashes"
    assert hash_tree(ROOT / "docs") == DOCS_BEFORE_BUILD


def test_every_internal_link_and_anchor_resolves(site_dir):
    # The real build uses mkdocs.yml's default site_url; 404.html links absolutely under its path.
    site_url = re.search(r"SITE_URL, \"([^\"]+)\"", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    problems = broken_links(site_dir, root_path=urlsplit(site_url).path)
    assert problems == [], "\n".join(problems[:50])


def test_autolinks_are_checked_too(site_dir):
    # The check above covers hook-inserted links only if there are some: make sure.
    pod = (site_dir / "kubernetes" / "pod" / "index.html").read_text(encoding="utf-8")
    assert pod.count('class="autolink"') >= 3


def test_link_check_detects_breakage(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="x">x</h2><a href="#x">ok</a><a href="#y">bad anchor</a>'
        '<a href="../b/">missing</a><a href="https://example.org/">external</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == ["a/index.html: #y (no id 'y')", "a/index.html: ../b/ (no such file)"]


def test_listing_pages_are_not_backlink_referrers(site_dir):
    page = (site_dir / "distributed" / "split-brain" / "index.html").read_text(encoding="utf-8")
    block = page[page.index('id="backlinks"') :]
    assert "标签索引" not in block and 'href="../"' not in block
    assert "Raft 共识算法" in block
