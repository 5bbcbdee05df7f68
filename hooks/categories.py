"""Hook: category order in the navigation and the category table on the home page.

on_config   read the configured category order (extra.categories)
on_nav      count topic pages per category; sort top-level sections; order each
            category's pages as its index.md lists them (warn about unlisted pages);
            gather the reader's indexes (术语表、面试题索引、刷题练习、标签、知识图谱) in one
            top-level section 「索引」 before 关于本站
on_page_markdown  replace <!-- kb:categories --> on the home page with the table
"""

from __future__ import annotations

from kb.categories import (
    INDEX_SECTION_TITLE,
    PLACEHOLDER,
    category_of,
    count_pages,
    index_section_order,
    index_section_position,
    listed_pages,
    order_by_listing,
    render_table,
    sort_key,
)
from kb.frontmatter import ContractError, check_front_matter_syntax, decode_source
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.utils.meta import get_data

log = get_plugin_logger(__name__)

_state: dict = {}


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    _state["order"] = list(config.extra.get("categories", []))
    return config


def _read_index(files, slug) -> tuple[str, dict]:
    """(markdown, meta) of a category's index.md; empty when missing or broken."""
    file = files.get_file_from_path(f"{slug}/index.md")
    if file is None:
        return "", {}
    try:
        source = decode_source(file.content_bytes)
        check_front_matter_syntax(source)
    except ContractError:
        return "", {}  # the frontmatter hook reports it when the page itself is read
    return get_data(source)


def on_nav(nav, config, files):
    order = _state["order"]
    for slug in order:
        if files.get_file_from_path(f"{slug}/index.md") is None:
            log.warning(f"mkdocs.yml: extra.categories lists '{slug}' but docs/{slug}/index.md does not exist")
    key = sort_key(order)
    nav.items.sort(key=lambda item: key(_folder_of(item)))
    indexes = {slug: _read_index(files, slug) for slug in order}
    metas = {slug: meta for slug, (_, meta) in indexes.items()}
    for item in nav.items:
        folder = _folder_of(item)
        if not item.is_section or folder not in indexes:
            continue
        markdown, meta = indexes[folder]
        if meta.get("title"):
            item.title = str(meta["title"])  # tabs show the category's name, not its folder
        _order_section(item, f"{folder}/index.md", markdown)
    _group_indexes(nav)
    # MkDocs linked previous/next pages in the original order, before this hook ran.
    nav.pages = _pages_in_order(nav.items)
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    _state["counts"] = count_pages((f.src_uri for f in files.documentation_pages()), order)
    _state["titles"] = {slug: str(m.get("title", slug)) for slug, m in metas.items()}
    _state["descriptions"] = {slug: str(m.get("description", "")) for slug, m in metas.items()}
    return nav


def _group_indexes(nav) -> None:
    """Move the index pages (top level, or in a folder of their own such as interview/) into 「索引」."""
    found = {}
    for item in list(nav.items):
        candidates = [item] if item.is_page else [c for c in item.children or () if c.is_page]
        for page in candidates:
            if page.file.src_uri in index_section_order([page.file.src_uri]):
                found[page.file.src_uri] = page
                if item is page:
                    nav.items.remove(item)
                else:
                    item.children.remove(page)
        if item.is_section and not item.children:
            nav.items.remove(item)  # a folder that only held index pages (interview/practice.md)
    if not found:
        return
    section = Section(INDEX_SECTION_TITLE, [found[uri] for uri in index_section_order(found)])
    for page in section.children:
        page.parent = section
    nav.items.insert(index_section_position([_folder_of(item) for item in nav.items]), section)


def _order_section(section, index_uri: str, markdown: str) -> None:
    """Order a category's pages as its index.md lists them; warn about pages it does not list."""
    pages = {child.file.src_uri: child for child in section.children if child.is_page}
    ordered, unlisted = order_by_listing(list(pages), listed_pages(index_uri, markdown))
    for uri in unlisted:
        log.warning(f"{index_uri}: does not list {uri}; add a line '- [标题]({uri.rsplit('/', 1)[-1]})：…'")
    others = [child for child in section.children if not child.is_page]
    section.children = [pages[uri] for uri in ordered] + others


def _pages_in_order(items) -> list:
    pages = []
    for item in items:
        if item.is_page:
            pages.append(item)
        if item.children:
            pages.extend(_pages_in_order(item.children))
    return pages


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
