"""Backlinks: which pages link to which, and the block listing them at the end of a page.

Flow: once every page's final HTML is known (autolinks inserted), the hook
calls ``links_in_text`` on each page (every link with the text of the block it
sits in), ``resolve_href`` turns every href into the URL of a page of this site
plus a fragment (external links give None), and ``LinkGraph`` collects the
edges. For each referrer, ``sentence_around`` cuts the sentence around its
first link to the page down to a ``Context`` (text before, the linked words,
text after), and ``render_backlinks`` renders the block for one page: title and
context per referrer, grouped by category when there are many, inside a
collapsed ``<details>`` past a handful.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from kb.htmlwalk import CODE_AND_SCRIPTS, VOID_ELEMENTS, find_start_tags, remembered, tokenize

BACKLINKS_ID = "backlinks"
BACKLINKS_TITLE = "引用本页的页面"
COLLAPSE_OVER = 5  # more entries than this: the list folds into a <details> with a count
GROUP_OVER = 6  # more entries than this: grouped by category
CONTEXT_LIMIT = 72  # characters of context around the linked words (ellipses not counted)

# Elements that end a run of text: a link's context never crosses them.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Never read as context: code listings, scripts, graphics (their text is not prose).
SKIPPED_TAGS = frozenset({"pre", "script", "style", "svg", "math", "template", "noscript"})
SENTENCE_ENDS = frozenset("。！？；!?;")
_SPACE_RE = re.compile(r"\s+")

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, mailto:, data:, ...


def extract_hrefs(page_html: str) -> list[str]:
    """The href of every <a> in a fragment, in document order."""
    return [href for _, token in find_start_tags(page_html, "a") if (href := token.attr("href"))]


@dataclass(frozen=True)
class LinkInText:
    """A link and the run of text around it: ``text[start:end]`` are the linked words."""

    href: str
    text: str
    start: int
    end: int


@remembered
def links_in_text(page_html: str) -> list[LinkInText]:
    """Every ``<a href>`` outside code, scripts and graphics, with the text of its block, in document order.

    The block text has white space collapsed to single blanks; a block is the
    run of text between two block-level tags (paragraph, list item, cell...).
    """
    found: list[LinkInText] = []
    pending: list[tuple[str, int, int]] = []  # links of the current block: (href, start, end)
    buffer: list[str] = []
    length = 0
    skipped = 0  # depth inside SKIPPED_TAGS
    open_link: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal buffer, length, pending
        text = "".join(buffer)
        found.extend(LinkInText(href, text, start, end) for href, start, end in pending)
        buffer, length, pending = [], 0, []

    for token in tokenize(page_html, opaque=CODE_AND_SCRIPTS):
        if token.kind in ("start", "startend", "end") and token.tag in SKIPPED_TAGS and token.tag not in VOID_ELEMENTS:
            if token.kind == "start":
                skipped += 1
            elif token.kind == "end" and skipped:
                skipped -= 1
            continue
        if skipped:
            continue
        if token.kind == "text":
            chunk = _SPACE_RE.sub(" ", token.text)
            if chunk.startswith(" ") and (not buffer or buffer[-1].endswith(" ")):
                chunk = chunk[1:]
            if chunk:
                buffer.append(chunk)
                length += len(chunk)
        elif token.tag in BLOCK_TAGS:
            if open_link is not None:  # a block inside a link: the link ends its context here
                pending.append((open_link[0], open_link[1], length))
                open_link = None
            flush()
        elif token.tag == "a" and token.kind == "start":
            href = token.attr("href")
            open_link = (href, length) if href else None
        elif token.tag == "a" and token.kind == "end" and open_link is not None:
            pending.append((open_link[0], open_link[1], length))
            open_link = None
    if open_link is not None:
        pending.append((open_link[0], open_link[1], length))
    flush()
    return found


@dataclass(frozen=True)
class Context:
    """The sentence around a link, cut to size: ``before + linked + after`` (ellipses where cut)."""

    before: str
    linked: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.linked + self.after


def sentence_around(text: str, start: int, end: int, limit: int = CONTEXT_LIMIT) -> Context:
    """The sentence of ``text`` holding ``text[start:end]``, trimmed to about ``limit`` characters.

    The linked words are never cut; what is left of ``limit`` is shared between
    both sides (a side that needs less gives the rest to the other), and a cut
    side gets an ellipsis.
    """
    begin = start
    while begin > 0 and text[begin - 1] not in SENTENCE_ENDS:
        begin -= 1
    stop = end
    while stop < len(text) and text[stop] not in SENTENCE_ENDS:
        stop += 1
    if stop < len(text):
        stop += 1  # keep the sentence's own full stop
    before, linked, after = text[begin:start].lstrip(), text[start:end], text[end:stop].rstrip()
    budget = max(limit - len(linked), 0)
    if len(before) + len(after) > budget:
        keep_before = min(len(before), max(budget // 2, budget - len(after)))
        keep_after = min(len(after), budget - keep_before)
        if keep_before < len(before):
            before = "…" + before[len(before) - keep_before :].lstrip()
        if keep_after < len(after):
            after = after[:keep_after].rstrip() + "…"
    return Context(before, linked, after)


def render_context(context: Context) -> str:
    """The context as HTML: everything escaped, the linked words in <mark>."""
    return (
        html.escape(context.before, quote=False)
        + f"<mark>{html.escape(context.linked, quote=False)}</mark>"
        + html.escape(context.after, quote=False)
    )


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


@dataclass(frozen=True)
class Backlink:
    """One referrer as the block shows it; ``href`` relative to the page showing the block."""

    title: str
    href: str
    group: str = ""  # the referrer's category title
    context: Context | None = None


def _render_entry(entry: Backlink) -> str:
    link = f'<a href="{html.escape(entry.href)}">{html.escape(entry.title, quote=False)}</a>'
    if entry.context is None:
        return f"<li>{link}</li>"
    return f'<li>{link}<span class="kb-backlinks__context">{render_context(entry.context)}</span></li>'


def render_backlinks(entries: Iterable[Backlink]) -> str:
    """The backlinks block (entries kept in the given order, groups in order of first appearance); '' if none."""
    entries = list(entries)
    if not entries:
        return ""
    if len(entries) > GROUP_OVER:
        groups: dict[str, list[Backlink]] = {}
        for entry in entries:
            groups.setdefault(entry.group, []).append(entry)
        body = "".join(
            (
                f'<p class="kb-backlinks__group">{html.escape(group or "其他", quote=False)}'
                f'<span class="kb-backlinks__count">{len(items)}</span></p>\n'
            )
            + '<ul class="kb-backlinks">\n'
            + "\n".join(map(_render_entry, items))
            + "\n</ul>\n"
            for group, items in groups.items()
        )
    else:
        body = '<ul class="kb-backlinks">\n' + "\n".join(map(_render_entry, entries)) + "\n</ul>\n"
    heading = f'\n<h2 id="{BACKLINKS_ID}" class="kb-backlinks">{BACKLINKS_TITLE}</h2>\n'
    if len(entries) > COLLAPSE_OVER:
        return (
            heading + '<details class="kb-backlinks">\n'
            f"<summary>{len(entries)} 个页面引用了本页</summary>\n" + body + "</details>\n"
        )
    return heading + body
