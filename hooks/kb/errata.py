"""Errata: every correction block of the site, with a stable id, and the page listing them.

A correction is an admonition whose title starts with 「勘误」 — by convention a
collapsed ``??? note "勘误：<what is corrected>"`` (``<details class="note">``),
but an open ``!!! warning "勘误"`` (``<div class="admonition">``) counts too.

Flow: while a page renders, ``collect_corrections`` finds those blocks, gives
each one an ``id`` (``errata-`` + slug of its title, unique on the page) unless it
has one, and returns ``Correction`` records in page order with the nearest
preceding heading (its id and text) as the section. Once all pages are known the
hook groups them by category and ``render_errata`` writes the sections of the
generated ``about/errata/`` page: one per category, one list item per page, one
link per correction. Every inserted string is escaped; headings carry
``data-search-exclude`` so search indexes the page by its title only.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.htmlwalk import CODE_AND_SCRIPTS, may_contain, remembered_rewrite, tokenize
from kb.sections import Section, unique_id
from pymdownx.slugs import slugify

PREFIX = "勘误"
PLACEHOLDER = "<!-- kb:errata -->"
COUNT_PLACEHOLDER = "<!-- kb:errata-count -->"
EMPTY = "<p>本站还没有勘误。</p>"

_slugify = slugify(case="lower")  # same slugs as the headings (mkdocs.yml toc.slugify)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Correction:
    id: str  # the block's id on its page
    title: str  # plain text of the block's title, e.g. 「勘误：……」
    section_id: str  # nearest preceding heading's id ('' when none)
    section: str  # that heading's text ('' when none)

    @property
    def subject(self) -> str:
        """What is corrected: the title without its 「勘误：」 prefix (the section when the title is bare)."""
        rest = self.title[len(PREFIX) :].lstrip("：:").strip() if self.title.startswith(PREFIX) else self.title
        return rest or self.section or self.title


@dataclass(frozen=True)
class ErrataPage:
    """One page's corrections as listed: its title, a link to it, and (href, Correction) per block."""

    title: str
    href: str
    corrections: tuple[tuple[str, Correction], ...]


def is_correction_title(text: str) -> bool:
    return text.strip().startswith(PREFIX)


def _is_block(token) -> bool:
    if token.kind != "start":
        return False
    if token.tag == "details":
        return True
    return token.tag == "div" and "admonition" in token.classes


def _is_title(token) -> bool:
    if token.kind != "start":
        return False
    return token.tag == "summary" or (token.tag == "p" and "admonition-title" in token.classes)


@remembered_rewrite
def collect_corrections(page_html: str, taken: Iterable[str] = ()) -> tuple[str, list[Correction]]:
    """Give every correction block an id; return the new HTML and the page's corrections in order.

    ``taken`` are the ids already on the page (headings, other blocks).
    """
    if not may_contain(page_html, PREFIX):
        return page_html, []  # most pages have no correction: no need to read them
    taken = set(taken)
    tokens = tokenize(page_html, opaque=CODE_AND_SCRIPTS)
    out = [t.raw for t in tokens]
    corrections: list[Correction] = []
    section_id = section = ""
    heading: list[str] | None = None  # text of the heading being read
    block: int | None = None  # index of the start tag of the block whose title is being looked for
    title: list[str] | None = None  # text of that block's title being read
    title_tag = ""
    skip_depth = 0  # inside a heading's permalink <a class="headerlink">
    for i, token in enumerate(tokens):
        if heading is not None:
            if token.kind == "start" and token.tag == "a" and "headerlink" in token.classes:
                skip_depth += 1
            elif token.kind == "end" and token.tag == "a" and skip_depth:
                skip_depth -= 1
            elif token.kind == "end" and token.tag in _HEADINGS:
                section = " ".join("".join(heading).split())
                heading = None
            elif token.kind == "text" and not skip_depth:
                heading.append(token.text)
            continue
        if token.kind == "start" and token.tag in _HEADINGS:
            heading, skip_depth = [], 0
            section_id = token.attr("id") or ""
            continue
        if title is not None:
            if token.kind == "end" and token.tag == title_tag:
                text = " ".join("".join(title).split())
                if is_correction_title(text):
                    corrections.append(_mark(tokens, out, block, text, section_id, section, taken))
                title, block = None, None
            elif token.kind == "text":
                title.append(token.text)
            continue
        if _is_block(token):
            block = i
            continue
        if block is not None:
            if _is_title(token):
                title, title_tag = [], token.tag
            elif token.kind != "text" or token.text.strip():
                block = None  # the block has no title of its own
    return "".join(out), corrections


def _mark(tokens, out, index, text, section_id, section, taken) -> Correction:
    token = tokens[index]
    cid = token.attr("id")
    if cid:
        taken.add(cid)
    else:
        rest = text[len(PREFIX) :].lstrip("：: ")
        cid = unique_id("errata-" + (_slugify(rest or section, "-") or "1"), taken)
        raw = token.raw
        close = 2 if raw.endswith("/>") else 1
        out[index] = raw[:-close].rstrip() + f' id="{html.escape(cid)}"' + raw[-close:]
    return Correction(cid, text, section_id, section)


def _link(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text, quote=False)}</a>'


def render_errata(groups: Sequence[tuple[str, str, Sequence[ErrataPage]]]) -> list[Section]:
    """Sections of the errata page from ``(category id, category title, pages)``; empty groups are left out."""
    sections = []
    for group_id, title, pages in groups:
        pages = [p for p in pages if p.corrections]
        if not pages:
            continue
        items = []
        for page in pages:
            links = "\n".join(
                f"<li>{_link(c.subject, href)}"
                + (
                    f' <span class="kb-errata__section">（{html.escape(c.section, quote=False)}）</span>'
                    if c.section and c.section != c.subject
                    else ""
                )
                + "</li>"
                for href, c in page.corrections
            )
            items.append(f'<li>{_link(page.title, page.href)}\n<ul>\n{links}\n</ul>\n</li>')
        sections.append(Section(group_id, title, '<ul class="kb-errata">\n' + "\n".join(items) + "\n</ul>"))
    return sections


def render_count(corrections: int, pages: int) -> str:
    """The sentence under the page title: how many corrections on how many pages."""
    if not corrections:
        return ""
    return f"<p data-search-exclude>全站共 {corrections} 条勘误，分布在 {pages} 个页面。</p>"
