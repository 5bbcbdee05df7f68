"""Small adapters between the pure kb modules and MkDocs' objects, shared by the hooks.

``site_pages`` lists the rendered pages in src_uri order (deterministic output
never depends on file-system order); ``is_generated`` tells a hook-made page
(glossary, question index) from an author's page; ``fill_generated_page``
replaces a generated page's placeholder body once the data it shows is known
and renders it again, so its HTML, table of contents and anchor ids are what
Markdown would have produced from that body in the first place.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def site_pages(files) -> list[Page]:
    """Every documentation page that has been rendered, sorted by src_uri."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content is not None]
    return sorted(pages, key=lambda page: page.file.src_uri)


def is_generated(page: Page) -> bool:
    return page.file.generated_by is not None and page.file.abs_src_path is None


def href(target: Page, source: Page, anchor: str = "") -> str:
    """Link from ``source`` to ``target`` (optionally ``#anchor``), relative like MkDocs' own links."""
    return get_relative_url(target.url, source.url) + (f"#{anchor}" if anchor else "")


def fill_generated_page(page: Page, placeholder: str, body: str, config, files) -> None:
    """Replace ``placeholder`` in the page's Markdown with ``body`` and render the page again."""
    page.markdown = (page.markdown or "").replace(placeholder, body)
    page.render(config, files)
