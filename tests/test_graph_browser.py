"""The graph view in Chromium, as a reader: graph page, clicks, local graph, requests, file://, phone, dark."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIBRARY = "assets/vendor/force-graph.min.js"
TOPIC = "networking/iptables/"


def topic_pages(docs: Path) -> set[str]:
    """Every topic page's URL, from the sources: pages in category folders but not their index pages."""
    return {
        path.relative_to(docs).with_suffix("").as_posix() + "/"
        for path in docs.glob("*/*.md")
        if path.name != "index.md"
    }


def wait_graph(page, kind):
    page.wait_for_function(
        f"window.__kbGraph && window.__kbGraph.{kind} && window.__kbGraph.{kind}.state.ready", timeout=60000
    )


def click_node(page, graph, point):
    """Click a node where a reader would: force-graph looks up the node under the pointer at a
    throttled rate, so wait until it reports the hover (the pointer cursor a reader sees),
    nudging the pointer to resample, then click there."""
    cursor = f"window.__kbGraph.{graph}.element.style.cursor"
    for nudge in range(12):
        x, y = point["x"] + nudge % 2, point["y"]
        page.mouse.move(x, y)
        page.wait_for_timeout(250)
        if page.evaluate(cursor) == "pointer":
            break
    assert page.evaluate(cursor) == "pointer", "the node under the pointer is not picked up"
    page.mouse.click(x, y)


def record(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_graph_page_draws_every_page_and_term(site_dir, site_url, page, project_root):
    requests = record(page)
    page.goto(site_url + "graph/")
    wait_graph(page, "global")
    ids = set(page.evaluate("window.__kbGraph.global.nodeIds()"))
    data = json.loads((site_dir / "assets/kb-graph.json").read_text(encoding="utf-8"))
    assert len(ids) == len(data["nodes"]) and len(data["nodes"]) > 300
    assert topic_pages(project_root / "docs") <= ids  # a node for every topic page
    assert page.evaluate("window.__kbGraph.global.linkCount()") == len(data["links"])
    canvas = page.locator(".kb-graph[data-kb-graph=global] canvas")
    box = canvas.bounding_box()
    assert box["width"] > 600 and box["height"] >= 360
    assert site_url + LIBRARY in requests and site_url + "assets/kb-graph.json" in requests
    # Nothing from another host for the graph (the theme's own font/repo requests are not ours).
    ours = [u for u in requests if "kb-graph" in u or "force-graph" in u or "graph.js" in u]
    assert ours and all(u.startswith(site_url) for u in ours)
    assert page.evaluate("window.__kbGraph.error") is None


def test_clicking_a_node_opens_its_page(site_url, page):
    page.goto(site_url + "graph/")
    wait_graph(page, "global")
    page.fill(".kb-graph input[type=search]", "iptables 五表五链")
    assert page.locator(".kb-graph__count").inner_text() == "匹配 1 个节点"
    assert page.locator(".kb-graph__results a").first.inner_text() == "iptables 五表五链"
    page.wait_for_timeout(1200)  # the zoom to the match (400 ms animation; the machine may be slow)
    point = page.evaluate(f"window.__kbGraph.global.screenPosition({json.dumps(TOPIC)})")
    click_node(page, "global", point)
    page.wait_for_url(site_url + TOPIC)
    assert page.locator("h1").first.inner_text().startswith("iptables")


def test_filter_narrows_to_matching_names(site_url, page):
    page.goto(site_url + "graph/")
    wait_graph(page, "global")
    page.fill(".kb-graph input[type=search]", "docker")
    names = page.locator(".kb-graph__results a").all_inner_texts()
    assert names and all("docker" in name.lower() for name in names)
    page.fill(".kb-graph input[type=search]", "")
    assert page.locator(".kb-graph__results li").count() == 0


def test_topic_page_shows_backlinks_related_and_local_graph(site_url, page):
    requests = record(page)
    page.goto(site_url + TOPIC)
    wait_graph(page, "local")
    backlinks = page.locator("details.kb-backlinks")
    assert re.fullmatch(r"\d+ 个页面引用了本页", backlinks.locator("summary").inner_text())
    backlinks.locator("summary").click()
    first = backlinks.locator("li").first
    assert first.locator(".kb-backlinks__context mark").is_visible()
    related = page.locator("ul.kb-related > li > a")
    assert 1 <= related.count() <= 5
    nodes = page.evaluate("window.__kbGraph.local.nodeIds()")
    assert TOPIC in nodes and 2 <= len(nodes) <= 28
    box = page.locator("details.kb-localgraph canvas").bounding_box()
    assert box["height"] == pytest.approx(300, abs=2) and box["width"] > 300
    assert site_url + LIBRARY in requests
    # Clicking a neighbour in the local graph opens it: the page node lying farthest from any
    # other node, so that the click cannot land on a neighbour drawn over it.
    # Centred in the window, so that no node lies under the sticky header; only nodes the pointer
    # can reach (the canvas is the element at that point) are candidates.
    page.evaluate("document.querySelector('details.kb-localgraph canvas').scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    points = page.evaluate(
        """(ids) => ids.map((id) => [id, window.__kbGraph.local.screenPosition(id)])
             .filter(([, p]) => p && document.querySelector('details.kb-localgraph canvas') === document.elementFromPoint(p.x, p.y))""",
        nodes,
    )

    def clearance(item):
        _, p = item
        return min((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2 for other, q in points if q is not p)

    target, point = max(((i, p) for i, p in points if i != TOPIC and "#" not in i), key=clearance)
    click_node(page, "local", point)
    page.wait_for_url(site_url + target)


@pytest.mark.parametrize("path", ["", "networking/", "glossary/", "interview/"])
def test_pages_without_a_graph_load_none_of_it(site_url, page, path):
    requests = record(page)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "force-graph" in u or "kb-graph" in u]
    assert page.evaluate("window.__kbGraph && window.__kbGraph.global") is None


def test_phone_local_graph_folded_until_asked(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    requests = record(page)
    page.goto(site_url + TOPIC)
    page.wait_for_load_state("networkidle")
    toggle = page.locator("details.kb-localgraph summary")
    assert toggle.inner_text() == "显示关系图"
    assert not [u for u in requests if "force-graph" in u]  # nothing loaded while folded
    toggle.scroll_into_view_if_needed()
    toggle.tap()
    wait_graph(page, "local")
    box = page.locator("details.kb-localgraph canvas").bounding_box()
    assert 300 <= box["width"] <= 390
    page.goto(site_url + "graph/")
    wait_graph(page, "global")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling
    context.close()


def test_dark_palette_draws_in_its_own_colours(browser, site_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + "graph/")
        wait_graph(page, "global")
        colours[scheme] = page.evaluate(
            "getComputedStyle(document.querySelector('.kb-graph__canvas')).getPropertyValue('--kb-graph-c0').trim()"
        )
        # The canvas really holds drawn pixels in a category colour.
        drawn = page.evaluate(
            """(colour) => {
                const canvas = document.querySelector('.kb-graph__canvas canvas')
                const probe = document.createElement('canvas').getContext('2d')
                probe.fillStyle = colour; probe.fillRect(0, 0, 1, 1)
                const want = probe.getImageData(0, 0, 1, 1).data
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
                let hits = 0
                for (let i = 0; i < data.length; i += 4)
                    if (Math.abs(data[i] - want[0]) < 4 && Math.abs(data[i+1] - want[1]) < 4 && Math.abs(data[i+2] - want[2]) < 4) hits++
                return hits
            }""",
            colours[scheme],
        )
        assert drawn > 20, scheme
        context.close()
    assert colours["light"] != colours["dark"]


def test_instant_navigation_draws_the_next_page(site_url, page):
    # Material navigates instantly only to URLs of its sitemap, compared with the port; the
    # sitemap names the configured site_url, the test server has its own port: say so.
    def sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"http://127\.0\.0\.1(:\d+)?/", site_url, response.text()))

    page.route(site_url + "sitemap.xml", sitemap)
    page.goto(site_url + "glossary/")  # in the 「索引」 section, beside the graph page
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a", has_text="知识图谱").first.click()
    wait_graph(page, "global")
    assert page.evaluate("window.__sameDocument") is True  # Material's instant navigation, no reload
    assert page.evaluate("window.__kbGraph.global.nodeCount()") > 300
    # And on to a topic page through the filter's result list: its local graph is drawn.
    page.fill(".kb-graph input[type=search]", "iptables 五表五链")
    page.locator(".kb-graph__results a").first.click()
    wait_graph(page, "local")
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__kbGraph.global") is None  # the previous page's graph was torn down


def test_offline_copy_draws_from_file_url(offline_site_dir, page):
    requests = record(page)
    page.goto((offline_site_dir / "graph.html").as_uri())
    wait_graph(page, "global")
    assert page.evaluate("window.__kbGraph.global.nodeCount()") > 300
    assert not [u for u in requests if not u.startswith("file://") and ("graph" in u)]
    topic = offline_site_dir / "networking/iptables.html"
    page.goto(topic.as_uri())
    wait_graph(page, "local")
    assert "networking/iptables.html" in page.evaluate("window.__kbGraph.local.nodeIds()")
