"""Hook: category order in the navigation and the category table on the home page.

on_config   read the configured category order (extra.categories)
on_nav      count topic pages per category; sort top-level sections
on_page_markdown  replace <!-- kb:categories --> on the home page with the table
"""

from __future__ import annotations

from kb.categories import PLACEHOLDER, category_of, count_pages, render_table, sort_key
from kb.frontmatter import ContractError, check_front_matter_syntax, decode_source
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils.meta import get_data

log = get_plugin_logger(__name__)

_state: dict = {}


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    _state["order"] = list(config.extra.get("categories", []))
    return config


def _index_meta(files, slug):
    file = files.get_file_from_path(f"{slug}/index.md")
    if file is None:
        return {}
    try:
        source = decode_source(file.content_bytes)
        check_front_matter_syntax(source)
    except ContractError:
        return {}  # the frontmatter hook reports it when the page itself is read
    return get_data(source)[1]


def on_nav(nav, config, files):
    order = _state["order"]
    for slug in order:
        if files.get_file_from_path(f"{slug}/index.md") is None:
            log.warning(f"mkdocs.yml: extra.categories lists '{slug}' but docs/{slug}/index.md does not exist")
    key = sort_key(order)
    nav.items.sort(key=lambda item: key(_folder_of(item)))
    metas = {slug: _index_meta(files, slug) for slug in order}
    for item in nav.items:
        folder = _folder_of(item)
        if item.is_section and folder in metas and metas[folder].get("title"):
            item.title = str(metas[folder]["title"])  # tabs show the category's name, not its folder
    _state["counts"] = count_pages((f.src_uri for f in files.documentation_pages()), order)
    _state["titles"] = {slug: str(m.get("title", slug)) for slug, m in metas.items()}
    _state["descriptions"] = {slug: str(m.get("description", "")) for slug, m in metas.items()}
    return nav


def _folder_of(item):
    if item.is_page:
        if item.file.src_uri == "index.md":
            return None  # the home page leads the navigation
        # Other top-level pages (the generated glossary and question index) follow the categories.
        return category_of(item.file.src_uri) or "~"
    for child in item.children:
        folder = _folder_of(child)
        if folder is not None:
            return folder
    return "~"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != "index.md" or PLACEHOLDER not in markdown:
        return markdown
    table = render_table(_state["counts"], _state["titles"], _state["descriptions"])
    return markdown.replace(PLACEHOLDER, table)
