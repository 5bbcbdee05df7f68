"""Sections of a generated page (glossary, question index) as HTML, without a Markdown pass.

A generated page is rendered once from a placeholder; when its data is known the
hook swaps the placeholder for ``render_sections``: one ``h2`` per section with
the same id and permalink markup the toc extension writes for authors' headings,
then the section's body. Rendering HTML directly keeps the cost of a large
glossary linear and small (a second Markdown render of thousands of raw HTML
entries cost seconds at 30x the real corpus).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

# The title of every heading permalink, as mkdocs.yml sets it for authors' headings (toc.permalink_title).
PERMALINK_TITLE = "本节链接"


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not in ``taken`` yet; records it there."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True)
class Section:
    id: str
    title: str  # plain text; escaped when inserted
    body: str  # HTML, already escaped by its renderer


def render_sections(sections: Iterable[Section], search_exclude: bool = False) -> str:
    """HTML of the sections, headings as MkDocs' toc extension writes them (permalink included).

    ``search_exclude``: mark each heading ``data-search-exclude`` so Material's search
    plugin leaves the whole section out of the index (the page is found by its title).
    """
    parts = []
    exclude = " data-search-exclude" if search_exclude else ""
    for section in sections:
        anchor = html.escape(section.id)
        parts.append(
            f'<h2 id="{anchor}"{exclude}>{html.escape(section.title, quote=False)}'
            f'<a class="headerlink" href="#{anchor}" title="{PERMALINK_TITLE}">&para;</a></h2>\n{section.body}'
        )
    return "\n".join(parts)
