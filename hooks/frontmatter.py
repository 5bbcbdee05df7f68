"""Hook: enforce the authoring contract (docs/about/authoring.md) on every page.

on_config            read the tag vocabulary (extra.tags_vocabulary)
on_page_read_source  decode the file ourselves (UTF-8, BOM and CRLF allowed, else one clear line)
on_page_markdown     reject front matter MkDocs could not parse; validate page.meta (tags: the
                     vocabulary); remember terms
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
    parse_vocabulary,
    toc_ids,
)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_state: dict = {}


def _fail(page, exc: ContractError) -> PluginError:
    return PluginError(f"{page.file.src_uri}: {exc}")


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    try:
        _state["vocabulary"] = parse_vocabulary(config.extra.get("tags_vocabulary"))
    except ContractError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None
    return config


def on_page_read_source(page, config):
    if page.file.generated_by is not None and page.file.abs_src_path is None:
        return None  # generated pages carry their own, already valid, content
    try:
        return decode_source(page.file.content_bytes)
    except ContractError as exc:
        raise _fail(page, exc) from None


# Priority 100: validate what the author wrote before plugins add their own keys to page.meta
# (hooks/updated.py writes kb_updated there, the tags plugin its own keys).
@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    try:
        if not page.meta:
            # MkDocs leaves front matter it could not parse in the text; parsing it again here,
            # only then, finds the error and its line without a second YAML pass for every page.
            check_front_matter_syntax(markdown)
        terms = check_meta(page.meta, _state.get("vocabulary"))
    except ContractError as exc:
        raise _fail(page, exc) from None
    page.meta["_terms"] = terms  # read back by on_page_content and the glossary hooks
    return markdown


def on_page_content(html, page, config, files):
    terms = page.meta.get("_terms", ())
    if not terms:
        return html
    # Most anchors are headings: the TOC knows them; parse the HTML only when one is not there.
    missing = missing_anchors(terms, toc_ids(page.toc))
    if missing:
        missing = missing_anchors(missing, collect_ids(html))
    if missing:
        term = missing[0]
        raise PluginError(
            f"{page.file.src_uri}: 'terms.{term.name}.anchor': no element with id '{term.anchor}' on this page"
        )
    return html
