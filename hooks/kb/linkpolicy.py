"""How many term links a page may carry, and how to measure it.

The measure (``share``): characters of term-link text ÷ characters of visible
main-content text, white space not counted; Mermaid sources, scripts, styles,
SVG and the ¶ permalinks are not text a reader reads. ``page_share`` applies it
to a built page's <article>; the browser test applies the same rule to the DOM.

The policy (``LinkPolicy``), applied by ``kb.linker.link_terms``:

- every term at most once per page, at its first occurrence where the rules
  below allow it (unchanged from before);
- terms declared ``autolink: false`` (too general: 容器, 进程 ...) are never linked;
- at most ``per_block`` term links in one paragraph, list item or table cell;
- linked characters at most ``budget`` × the page's prose characters, counted
  without code blocks, so the share a reader sees (code blocks included) is
  never above it: 4 % and one link per item on listing pages (home, category
  indexes), 5 % and two per paragraph on topic pages — a margin under the caps
  the site promises, ``LISTING_MAX`` 5 % and ``TOPIC_MAX`` 6 %.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.htmlwalk import Token, Walker, find_start_tags, tokenize

LISTING_MAX = 0.05  # the promise, measured by bench/linkshare.py and the browser test
TOPIC_MAX = 0.06

# Elements one "block" counts for (the innermost one open around a link).
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption"})
# Not text a reader reads: never counted.
UNCOUNTED_TAGS = frozenset({"script", "style", "svg", "math", "template", "noscript"})
UNCOUNTED_CLASSES = frozenset({"mermaid", "headerlink"})


@dataclass(frozen=True)
class LinkPolicy:
    budget: float | None = None  # share of the page's prose characters; None: no limit
    per_block: int | None = None  # links per paragraph / list item / cell; None: no limit


UNLIMITED = LinkPolicy()
LISTING = LinkPolicy(budget=0.04, per_block=1)
TOPIC = LinkPolicy(budget=0.05, per_block=2)


def is_listing(src_uri: str) -> bool:
    """Home page and category indexes: pages that mostly list other pages."""
    return src_uri == "index.md" or src_uri.endswith("/index.md")


def policy_for(src_uri: str) -> LinkPolicy:
    return LISTING if is_listing(src_uri) else TOPIC


def visible_chars(text: str) -> int:
    """Characters a reader sees in ``text``: everything but white space."""
    return len("".join(text.split()))  # str.split() cuts at exactly the characters isspace() names


def is_uncounted(token: Token) -> bool:
    if token.tag in UNCOUNTED_TAGS:
        return True
    classes = token.attr("class")
    return bool(classes) and not UNCOUNTED_CLASSES.isdisjoint(classes.split())


def prose_chars(tokens: list[Token]) -> int:
    """Visible characters of the text tokens not inside an uncounted element."""
    walker = Walker(is_uncounted)
    total = 0
    for token in tokens:
        if token.kind == "text" and not walker.blocked:
            total += visible_chars(token.text)
        walker.visit(token)
    return total


def share(fragment: str) -> tuple[int, int, int]:
    """``(linked characters, text characters, term links)`` of an HTML fragment, code blocks included."""
    walker = Walker(is_uncounted)
    linked = total = links = 0
    depth = None  # walker depth of the a.autolink being read
    for token in tokenize(fragment):
        if token.kind == "text" and not walker.blocked:
            n = visible_chars(token.text)
            total += n
            if depth is not None:
                linked += n
        walker.visit(token)
        if token.kind == "start" and token.tag == "a" and "autolink" in token.classes:
            depth, links = len(walker.open_tags), links + 1
        elif depth is not None and len(walker.open_tags) < depth:
            depth = None
    return linked, total, links


def article_of(page_html: str) -> str:
    """The main content (Material's <article>) of a built page; empty when there is none."""
    for offset, _ in find_start_tags(page_html, "article"):
        end = page_html.find("</article>", offset)
        return page_html[offset : end if end >= 0 else len(page_html)]
    return ""


def page_share(page_html: str) -> tuple[int, int, int]:
    return share(article_of(page_html))
