"""Small adapters between the pure kb modules and MkDocs' objects, shared by the hooks.

``site_pages`` lists the rendered pages in src_uri order (deterministic output
never depends on file-system order); ``is_generated`` tells a hook-made page
(glossary, question index) from an author's page; ``fill_generated_page``
replaces a generated page's placeholder with its sections once the data they
show is known, and adds them to the page's table of contents, as Markdown would
have done for ``##`` headings.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.frontmatter import toc_ids
from kb.sections import Section, render_sections
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url


def site_pages(files) -> list[Page]:
    """Every documentation page that has been rendered, sorted by src_uri."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content is not None]
    return sorted(pages, key=lambda page: page.file.src_uri)


def is_generated(page: Page) -> bool:
    return page.file.generated_by is not None and page.file.abs_src_path is None


def is_listing(page: Page) -> bool:
    # The home page, category index pages and Material's tag index list pages wholesale; as
    # referrers they would put the navigation into every backlinks block, so only topic pages count.
    uri = page.file.src_uri
    if uri == "index.md" or uri.endswith("/index.md"):
        return True
    # Material's tag index: the tags plugin gives each tag listed there a heading id "tag:<slug>".
    return any(anchor.startswith("tag:") for anchor in toc_ids(page.toc))


def href(target: Page, source: Page, anchor: str = "") -> str:
    """Link from ``source`` to ``target`` (optionally ``#anchor``), relative like MkDocs' own links."""
    return get_relative_url(target.url, source.url) + (f"#{anchor}" if anchor else "")


def fill_generated_page(
    page: Page, placeholder: str, sections: Sequence[Section], empty: str, search_exclude: bool = False
) -> None:
    """Swap ``placeholder`` in the rendered page for ``sections`` (or the ``empty`` HTML) and list them in the TOC."""
    body = render_sections(sections, search_exclude) if sections else empty
    page.content = (page.content or "").replace(placeholder, body)
    links = [AnchorLink(section.title, section.id, 2) for section in sections]
    if page.toc.items and page.toc.items[0].level == 1:
        page.toc.items[0].children.extend(links)  # under the page's h1, like Markdown's own TOC
    else:
        page.toc.items.extend(links)
