"""Hook: enforce the authoring contract (docs/about/authoring.md) on every page.

on_page_read_source  decode the file ourselves and reject broken front matter
on_page_markdown     validate page.meta, remember the page's declared terms
on_page_content      check every term anchor exists in the rendered HTML

Each violation is a PluginError naming the file and the field, so a bad page
stops the build with one line instead of a traceback or a silently wrong site.
"""

from __future__ import annotations

from kb.frontmatter import (
    ContractError,
    check_front_matter_syntax,
    check_meta,
    collect_ids,
    decode_source,
    missing_anchors,
)
from mkdocs.exceptions import PluginError


def _fail(page, exc: ContractError) -> PluginError:
    return PluginError(f"{page.file.src_uri}: {exc}")


def on_page_read_source(page, config):
    if page.file.generated_by is not None and page.file.abs_src_path is None:
        return None  # generated pages carry their own, already valid, content
    try:
        source = decode_source(page.file.content_bytes)
        check_front_matter_syntax(source)
    except ContractError as exc:
        raise _fail(page, exc) from None
    return source


def on_page_markdown(markdown, page, config, files):
    try:
        terms = check_meta(page.meta)
    except ContractError as exc:
        raise _fail(page, exc) from None
    page.meta["_terms"] = terms  # read back by on_page_content and the glossary hooks
    return markdown


def on_page_content(html, page, config, files):
    missing = missing_anchors(page.meta.get("_terms", ()), collect_ids(html))
    if missing:
        term = missing[0]
        raise PluginError(
            f"{page.file.src_uri}: 'terms.{term.name}.anchor': no element with id '{term.anchor}' on this page"
        )
    return html
