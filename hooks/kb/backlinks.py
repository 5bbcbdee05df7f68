"""Backlinks: which pages link to which, and the block listing them at the end of a page.

Flow: once every page's final HTML is known (autolinks inserted), the hook
calls ``extract_hrefs`` on each page, ``resolve_href`` turns every href into
the URL of a page of this site plus a fragment (external links give None),
and ``LinkGraph`` collects the edges. ``render_backlinks`` renders the block
for one page from its referrers, already sorted by the graph.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from kb.htmlwalk import find_start_tags

BACKLINKS_ID = "backlinks"
BACKLINKS_TITLE = "引用本页的页面"

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, mailto:, data:, ...


def extract_hrefs(page_html: str) -> list[str]:
    """The href of every <a> in a fragment, in document order."""
    return [href for _, token in find_start_tags(page_html, "a") if (href := token.attr("href"))]


def normalize_url(url: str) -> str:
    """One spelling per page: 'x/index.html' and 'x/' are the same page."""
    url = unquote(url).lstrip("/")
    if url == "index.html" or url.endswith("/index.html"):
        url = url[: -len("index.html")]
    return url


def resolve_href(href: str, from_url: str) -> tuple[str, str] | None:
    """``(page_url, fragment)`` of a link found on the page at ``from_url``; None if it leaves the site.

    Path arithmetic as a browser does it for a relative URL (thousands of links
    per build: cheaper than urljoin, same result for the links MkDocs writes).
    """
    href = href.strip()
    if _SCHEME_RE.match(href) or href.startswith("//"):
        return None
    rest, _, fragment = href.partition("#")
    path = rest.partition("?")[0]
    if not path:
        return normalize_url(from_url), unquote(fragment)
    base = "/" + from_url.rpartition("/")[0]
    joined = posixpath.normpath(path if path.startswith("/") else posixpath.join(base, path))
    if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):
        joined += "/"
    return normalize_url(joined.replace("//", "/")), unquote(fragment)


@dataclass
class LinkGraph:
    """Edges ``source -> (target, fragment)`` between pages (src_uri); self-links ignored."""

    _edges: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def add_link(self, source: str, target: str, fragment: str = "") -> None:
        if source != target:
            self._edges.setdefault(target, set()).add((source, fragment))

    def inbound(self, target: str) -> tuple[tuple[str, str], ...]:
        """Every ``(source, fragment)`` linking to ``target``, sorted."""
        return tuple(sorted(self._edges.get(target, ())))

    def referrers(self, target: str) -> list[str]:
        """Pages linking to ``target``, sorted by src_uri."""
        return sorted({source for source, _ in self._edges.get(target, ())})

    def referrers_of_anchor(self, target: str, fragment: str) -> list[str]:
        """Pages linking to ``target#fragment``, sorted by src_uri."""
        return sorted({source for source, frag in self._edges.get(target, ()) if frag == fragment})


def render_backlinks(entries: Iterable[tuple[str, str]]) -> str:
    """The backlinks block for ``(title, href)`` entries (kept in the given order); '' if none."""
    items = [
        f'<li><a href="{html.escape(href)}">{html.escape(title, quote=False)}</a></li>'
        for title, href in entries
    ]
    if not items:
        return ""
    return (
        f'\n<h2 id="{BACKLINKS_ID}" class="kb-backlinks">{BACKLINKS_TITLE}</h2>\n'
        f'<ul class="kb-backlinks">\n' + "\n".join(items) + "\n</ul>\n"
    )
