"""Every Mermaid diagram renders with the site's own Mermaid and a reader can read it (issue 12).

Measured in Chromium as a reader sees it (tests/diagramprobe.py): at a phone's 390 px and a
desktop's 1440 px, every diagram's smallest label is at least 10 px as shown (a wide
diagram keeps a readable scale and its container scrolls horizontally, so all of it stays
reachable), and every diagram has a 「放大查看」 button opening a full-size viewer with pan
and zoom, which works by click, by keyboard and by touch, in both palettes.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, page_md, run_build, serve_directory
from diagramprobe import diagram_pages, measure_widths, new_context, summary, wait_rendered

MERMAID = ROOT / "overrides" / "assets" / "vendor" / "mermaid.min.js"
READABLE = 10  # px: the smallest label size a reader is shown


def test_mermaid_is_vendored():
    assert MERMAID.is_file(), "run `make vendor` (make test does) to fetch Mermaid from the npm registry"


@pytest.mark.browser
def test_every_diagram_renders_and_is_readable(site_dir, site_url, browser):
    pages = diagram_pages(site_dir)
    assert sum(count for _, count in pages) >= 80  # the notes' flows and architectures, across every category
    failures: list[str] = []
    requests: list[str] = []

    def check(page, path, count):
        stats = page.evaluate("window.__kbDiagrams")
        if stats["failed"] or stats["rendered"] != count:
            failures.append(f"{path}: {stats}")

    measured = measure_widths(browser, site_url, pages, (390, 1440), on_page=check, requests=requests)
    assert failures == []
    assert [u for u in requests if not u.startswith(site_url)] == []
    for width, results in measured.items():
        assert len(results) == sum(count for _, count in pages), width
        small = [f"{r['page']}#{r['index']}: {r['effective']:.1f}px" for r in results if r["effective"] < READABLE]
        assert small == [], f"labels below {READABLE}px at {width}px"
        unreachable = [f"{r['page']}#{r['index']}" for r in results if not r["reachable"]]
        assert unreachable == [], f"at {width}px part of a diagram is cut off without a way to scroll to it"
        assert not [r for r in results if r["pageOverflow"]], f"at {width}px a diagram makes the whole page scroll sideways"
        assert all(r["viewer"] for r in results), "every diagram has a visible 「放大查看」 button"
        print(width, summary(results))
    # The wide flowcharts scroll on a phone; at 1440 px fewer do.
    scrolling = {w: sum(r["scrolls"] for r in rs) for w, rs in measured.items()}
    assert 0 < scrolling[1440] < scrolling[390]


# A page whose diagram is wider than a phone's column even at a readable scale.
WIDE_PAGE = "docker/network-modes/"


def viewer_scale(page) -> float:
    return float(page.locator(".kb-viewer").get_attribute("data-scale"))


VIEWER_LABEL = """
() => {
  const content = document.querySelector('.kb-viewer__content')
  const svg = content.shadowRoot.querySelector('svg')
  const vb = svg.viewBox.baseVal
  const box = svg.getBoundingClientRect()
  const fonts = [...content.shadowRoot.querySelectorAll('foreignObject span, foreignObject p, text')]
    .filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))
  const stage = document.querySelector('.kb-viewer__stage').getBoundingClientRect()
  const overlay = document.querySelector('.kb-viewer').getBoundingClientRect()
  return { label: Math.min(...fonts) * box.width / vb.width, left: box.left, top: box.top,
           stage: [stage.width, stage.height], overlay: [overlay.left, overlay.top, overlay.width, overlay.height],
           bg: getComputedStyle(document.querySelector('.kb-viewer')).backgroundColor,
           active: document.activeElement && document.activeElement.closest('.kb-viewer') !== null }
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_full_size_viewer_on_a_phone(site_dir, site_url, browser, scheme):
    context = new_context(browser, 390, scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(site_url + WIDE_PAGE)
        wait_rendered(page, 1)
        trigger = page.locator("button.kb-diagram__open").first
        assert trigger.inner_text() == "放大查看"

        # Keyboard: focus the trigger, Enter opens the dialog with focus inside it.
        trigger.focus()
        page.keyboard.press("Enter")
        overlay = page.locator(".kb-viewer[role=dialog]")
        overlay.wait_for(state="visible")
        seen = page.evaluate(VIEWER_LABEL)
        assert seen["overlay"] == [0, 0, 390, 844], "the viewer fills the viewport"
        assert seen["label"] >= READABLE, f"labels in the viewer are {seen['label']:.1f}px"
        assert seen["active"], "focus moves into the viewer"
        expected_bg = "rgb(30, 33, 41)" if scheme == "dark" else "rgb(255, 255, 255)"
        assert seen["bg"] == expected_bg  # Material's slate / default background
        for label in ("放大", "缩小", "还原", "关闭"):
            assert page.get_by_role("button", name=label, exact=True).is_visible()

        # Buttons zoom around the centre; 还原 returns to the opening view.
        start = viewer_scale(page)
        page.get_by_role("button", name="放大", exact=True).click()
        assert viewer_scale(page) == pytest.approx(start * 1.25, rel=1e-3)
        page.get_by_role("button", name="缩小", exact=True).click()
        page.get_by_role("button", name="缩小", exact=True).click()
        assert viewer_scale(page) == pytest.approx(start / 1.25, rel=1e-3)
        page.get_by_role("button", name="还原", exact=True).click()
        assert viewer_scale(page) == pytest.approx(start, rel=1e-3)

        # Touch: one finger pans, two fingers pinch-zoom (real touch events through CDP).
        cdp = context.new_cdp_session(page)

        def touch(kind, points):
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})

        before = page.evaluate(VIEWER_LABEL)
        touch("touchStart", [(200, 500)])
        for step in range(1, 6):
            touch("touchMove", [(200 - 20 * step, 500 - 10 * step)])
        touch("touchEnd", [])
        after = page.evaluate(VIEWER_LABEL)
        assert after["left"] == pytest.approx(before["left"] - 100, abs=2)
        assert after["top"] == pytest.approx(before["top"] - 50, abs=2)
        assert viewer_scale(page) == pytest.approx(start, rel=1e-3)
        touch("touchStart", [(150, 450), (250, 450)])
        for step in range(1, 6):
            touch("touchMove", [(150 - 10 * step, 450), (250 + 10 * step, 450)])
        touch("touchEnd", [])
        assert viewer_scale(page) == pytest.approx(start * 2, rel=0.05)

        # Escape closes and gives focus back to the trigger.
        page.keyboard.press("Escape")
        overlay.wait_for(state="detached")
        assert page.evaluate("document.activeElement.classList.contains('kb-diagram__open')")
        assert page.evaluate("getComputedStyle(document.documentElement).overflow") != "hidden"
    finally:
        context.close()
    assert errors == []


@pytest.mark.browser
def test_full_size_viewer_on_a_desktop(site_dir, site_url, browser):
    context = new_context(browser, 1440)
    page = context.new_page()
    try:
        page.goto(site_url + WIDE_PAGE)
        wait_rendered(page, 1)
        page.locator("button.kb-diagram__open").first.click()
        page.locator(".kb-viewer").wait_for(state="visible")
        seen = page.evaluate(VIEWER_LABEL)
        assert seen["label"] >= READABLE
        assert seen["overlay"] == [0, 0, 1440, 900]
        start = viewer_scale(page)
        # The wheel zooms in and out around the pointer.
        page.mouse.move(700, 450)
        page.mouse.wheel(0, -200)
        page.wait_for_function(f"() => +document.querySelector('.kb-viewer').dataset.scale > {start}")
        page.mouse.wheel(0, 400)
        page.wait_for_function(f"() => +document.querySelector('.kb-viewer').dataset.scale < {start}")
        # Dragging with the mouse pans.
        before = page.evaluate(VIEWER_LABEL)
        page.mouse.move(700, 450)
        page.mouse.down()
        page.mouse.move(600, 400, steps=5)
        page.mouse.up()
        after = page.evaluate(VIEWER_LABEL)
        assert after["left"] == pytest.approx(before["left"] - 100, abs=2)
        assert after["top"] == pytest.approx(before["top"] - 50, abs=2)
        # Tab stays inside the dialog; 关闭 closes it.
        for _ in range(5):
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.closest('.kb-viewer') !== null")
        page.get_by_role("button", name="关闭", exact=True).click()
        page.locator(".kb-viewer").wait_for(state="detached")
    finally:
        context.close()


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


def test_a_build_without_mermaid_says_so(make_project):
    """No CDN fallback: a site with diagrams and no vendored Mermaid fails under --strict, clearly."""
    body = "# 图\n\n```mermaid\nflowchart TB\n    A[开始] --> B[结束]\n```\n"
    project = make_project({"index.md": page_md("首页"), "d.md": page_md("图", body)})
    (project / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project / "overrides", ignore=shutil.ignore_patterns("vendor"))
    result = run_build(project)
    assert result.returncode != 0
    assert "Mermaid is missing: run make vendor (needs npm)" in result.stderr
    assert "d.md" in result.stderr
    # Without a diagram the site does not need Mermaid.
    (project / "docs" / "d.md").write_text(page_md("图", "# 图\n\n正文。\n"), encoding="utf-8")
    assert run_build(project).returncode == 0
