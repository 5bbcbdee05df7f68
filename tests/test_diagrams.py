"""Every Mermaid diagram on the site renders in Chromium (with the site's own Mermaid, no network)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, page_md, run_build, serve_directory

MERMAID = ROOT / "overrides" / "assets" / "vendor" / "mermaid.min.js"


def diagram_pages(site_dir):
    """(url path, number of diagrams) for every built page with a Mermaid block."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        count = len(re.findall(r'<pre class="mermaid">', html.read_text(encoding="utf-8")))
        if count:
            pages.append((html.parent.relative_to(site_dir).as_posix() + "/", count))
    return pages


def test_mermaid_is_vendored():
    assert MERMAID.is_file(), "run `make vendor` (make test does) to fetch Mermaid from the npm registry"


@pytest.mark.browser
def test_every_diagram_renders(site_dir, site_url, page):
    pages = diagram_pages(site_dir)
    assert len(pages) >= 40  # the notes' flows and architectures, across every category
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    failures = []
    for path, count in pages:
        page.goto(site_url + path)
        page.wait_for_function(
            "n => window.__kbDiagrams && window.__kbDiagrams.rendered + window.__kbDiagrams.failed.length >= n",
            arg=count,
            timeout=20_000,
        )
        stats = page.evaluate("window.__kbDiagrams")
        if stats["failed"] or stats["rendered"] != count:
            failures.append(f"{path}: {stats}")
    assert failures == []
    assert not [u for u in requests if "unpkg.com" in u]  # the local copy served every page


@pytest.mark.browser
def test_a_broken_diagram_is_reported(make_project, page):
    body = "# 图\n\n```mermaid\nflowchart LR\n    A[开始] --> B[结束]\n```\n\n```mermaid\nflowchart LR\n    A[[[ -->\n```\n"
    project = make_project({"index.md": page_md("首页"), "d.md": page_md("图", body)})
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    server, url = serve_directory(project / "site")
    try:
        page.goto(url + "d/")
        page.wait_for_function("() => window.__kbDiagrams.rendered + window.__kbDiagrams.failed.length >= 2")
        stats = page.evaluate("window.__kbDiagrams")
    finally:
        server.shutdown()
        server.server_close()
    assert stats["rendered"] == 1
    assert len(stats["failed"]) == 1
