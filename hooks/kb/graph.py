"""The knowledge graph as data for the browser, and the HTML that shows it.

Flow: once every page's final links are known (``page.meta["_outbound"]``, set
by the backlinks hook), the graph hook describes each topic page as a
``GraphPage`` and each declared term as a ``GraphTerm``; ``build_graph`` turns
them into the JSON the front end draws (``web/graph/``):

- ``categories``: ``[slug, title]`` in the configured order; a node's ``c`` is
  an index into it (its colour: ``--kb-graph-c<index mod PALETTE>``);
- ``nodes``: pages (``k: "p"``) and terms (``k: "t"``), each with ``id`` (its
  URL from the site root; a term's is its definition ``page/#anchor``), ``l``
  (label) and ``c``; pages first, each kind sorted by id;
- ``links``: ``[i, j]`` index pairs, undirected, sorted, no repeats. A link to
  a term's definition joins the page to the term; any other link joins the two
  pages; every term is joined to the page defining it.

Also here: ``render_related`` (the 「相关页面」 block), ``render_local_graph``
(the toggle holding a topic page's small graph) and ``render_graph_page`` (the
body of the global graph page). Every inserted string is escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.related import RELATED_ID, RELATED_TITLE

PALETTE = 12  # colours --kb-graph-c0 ... --kb-graph-c11 (overrides/assets/stylesheets/graph.css)
DATA_JSON = "assets/kb-graph.json"
DATA_JS = "assets/kb-graph.js"
LIBRARY = "assets/vendor/force-graph.min.js"  # make vendor, from the npm registry; web/graph/load.js loads it
DATA_GLOBAL = "__kbGraphData"
PLACEHOLDER = "<!-- kb:graph -->"
LOCAL_TOGGLE = "显示关系图"


@dataclass(frozen=True)
class GraphPage:
    url: str  # from the site root, e.g. "docker/containers/"
    title: str
    category: str | None
    outbound: tuple[tuple[str, str], ...] = ()  # (url, fragment) of every link on the page


@dataclass(frozen=True)
class GraphTerm:
    name: str
    url: str  # the defining page
    anchor: str

    @property
    def id(self) -> str:
        return f"{self.url}#{self.anchor}"


def build_graph(pages: Iterable[GraphPage], terms: Iterable[GraphTerm], categories: Sequence[tuple[str, str]]) -> dict:
    pages = sorted(pages, key=lambda p: p.url)
    page_urls = {p.url for p in pages}
    terms = sorted((t for t in terms if t.url in page_urls), key=lambda t: t.id)
    rank = {slug: i for i, (slug, _) in enumerate(categories)}
    category_of = {p.url: rank.get(p.category, -1) for p in pages}
    nodes = [{"id": p.url, "l": p.title, "k": "p", "c": category_of[p.url]} for p in pages]
    nodes += [{"id": t.id, "l": t.name, "k": "t", "c": category_of[t.url]} for t in terms]
    index = {node["id"]: i for i, node in enumerate(nodes)}
    edges: set[tuple[int, int]] = set()

    def join(a: str, b: str) -> None:
        i, j = index[a], index[b]
        if i != j:
            edges.add((min(i, j), max(i, j)))

    for term in terms:
        join(term.id, term.url)
    for page in pages:
        for url, fragment in page.outbound:
            target = f"{url}#{fragment}"
            if target in index:
                join(page.url, target)
            elif url in index:
                join(page.url, url)
    return {"categories": [list(c) for c in categories], "nodes": nodes, "links": sorted(map(list, edges))}


def to_json(graph: dict) -> str:
    """Compact, deterministic JSON (non-ASCII kept: the file is UTF-8)."""
    return json.dumps(graph, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def to_script(graph: dict) -> str:
    """The same data as a classic script assigning a global, for file:// where fetch() is refused."""
    # json.dumps leaves "</script>" alone; in a .js file that is harmless, but "\u2028" must be escaped for
    # old engines and "<" keeps the output safe to inline anywhere.
    text = to_json(graph).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{DATA_GLOBAL} = {text};\n"


def _link(title: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(title, quote=False)}</a>'


def render_related(items: Iterable[tuple[str, str, Sequence[str]]]) -> str:
    """The list of related pages: ``(title, href, names of what they share)``; '' if none."""
    lines = []
    for title, href, shared in items:
        why = ""
        if shared:
            names = "、".join(html.escape(name, quote=False) for name in shared)
            why = f'<span class="kb-related__why">共同关联：{names}</span>'
        lines.append(f"<li>{_link(title, href)}{why}</li>")
    if not lines:
        return ""
    return '<ul class="kb-related">\n' + "\n".join(lines) + "\n</ul>\n"


def render_local_graph(node_id: str) -> str:
    """The folded container of a page's local graph (the front end draws it when opened)."""
    return (
        f'<details class="kb-localgraph" data-kb-graph="local" data-kb-node="{html.escape(node_id)}">\n'
        f"<summary>{LOCAL_TOGGLE}</summary>\n"
        '<div class="kb-graph__canvas" role="img" aria-label="本页与相邻页面、术语的关系图"></div>\n'
        "</details>\n"
    )


def render_related_section(related_html: str, local_graph_html: str) -> str:
    """The 「相关页面」 section at the end of a topic page; '' when it would be empty."""
    if not related_html and not local_graph_html:
        return ""
    body = related_html or '<p class="kb-related__none">暂无内容相近的其他页面。</p>\n'
    return f'\n<h2 id="{RELATED_ID}" class="kb-related">{RELATED_TITLE}</h2>\n{body}{local_graph_html}'


def render_graph_page(categories: Sequence[tuple[str, str]], pages: int, terms: int, links: int) -> str:
    """Body of the global graph page: summary, filter, legend, canvas, the matching names as links."""
    legend = "\n".join(
        f'<li><span class="kb-graph__swatch" style="--kb-swatch: var(--kb-graph-c{i % PALETTE})"></span>'
        f"{html.escape(title, quote=False)}</li>"
        for i, (_, title) in enumerate(categories)
    )
    return (
        f'<p class="kb-graph__summary">{pages} 个页面、{terms} 个术语、{links} 条关系。'
        "大圆点是页面，小圆点是术语，颜色表示分类；点击节点打开页面或术语的定义，滚轮或双指缩放。</p>\n"
        '<div class="kb-graph" data-kb-graph="global">\n'
        '<div class="kb-graph__controls">\n'
        '<label class="kb-graph__filter">按名称筛选 '
        '<input type="search" placeholder="页面或术语名称" autocomplete="off"></label>\n'
        '<span class="kb-graph__count" aria-live="polite"></span>\n'
        "</div>\n"
        f'<ul class="kb-graph__legend" aria-label="图例">\n{legend}\n'
        '<li><span class="kb-graph__swatch kb-graph__swatch--term"></span>术语</li>\n</ul>\n'
        '<div class="kb-graph__canvas" role="img" aria-label="全站页面与术语的关系图"></div>\n'
        '<ul class="kb-graph__results" aria-label="匹配的节点"></ul>\n'
        "<noscript><p>关系图需要 JavaScript。</p></noscript>\n"
        "</div>\n"
    )
