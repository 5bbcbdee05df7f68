"""Hook: the errata page at about/errata/ — every correction block of the site, by category.

on_config        reset state (`mkdocs serve` keeps hook modules between rebuilds)
on_files         add the generated page about/errata.md, a placeholder until every page is rendered
on_page_content  give every correction block (title starting with 「勘误」) an id,
                 remember the page's corrections in page.meta["_corrections"]
on_env           group them by category (extra.categories order) and render the page;
                 its sections are marked data-search-exclude: search finds it by title only
"""

from __future__ import annotations

from kb.categories import category_of
from kb.errata import (
    COUNT_PLACEHOLDER,
    EMPTY,
    PLACEHOLDER,
    ErrataPage,
    collect_corrections,
    render_count,
    render_errata,
)
from kb.glossary import generated_page
from kb.site import category_titles, fill_generated_page, href, is_generated, replace_with_generated, site_pages
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

ERRATA_URI = "about/errata.md"
TITLE = "勘误汇总"
DESCRIPTION = "全站每一条勘误按分类列出，链接到它所在的小节，便于对照原始笔记复查改动。"
INTRO = "各页面中标题以「勘误」开头的折叠块记录了原始笔记的错误和本站的更正；正文写的是更正后的说法。"
OTHER = ("other", "其他")

_state: dict = {}


def on_config(config):
    _state.clear()
    _state["order"] = list(config.extra.get("categories", []))
    return config


def on_files(files, config):
    body = f"{INTRO}\n{{ data-search-exclude }}\n\n{COUNT_PLACEHOLDER}\n\n{PLACEHOLDER}"
    page = generated_page(TITLE, DESCRIPTION, body)
    replace_with_generated(files, config, ERRATA_URI, page, "hooks/errata.py", log)
    return files


def on_page_content(html, page, config, files):
    html, corrections = collect_corrections(html, page.present_anchor_ids or ())
    page.meta["_corrections"] = tuple(corrections)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(c.id for c in corrections)  # links to #errata-... validate
    return html


# Priority 5: like the question index, after autolinks (30), backlinks (20) and the glossary
# (10), so the generated lists are neither autolinked nor counted as references; before
# on_page_context, where Material's search plugin indexes page.content.
@event_priority(5)
def on_env(env, config, files):
    errata_file = files.get_file_from_path(ERRATA_URI)
    if errata_file is None or errata_file.page is None:
        return env
    errata = errata_file.page
    pages = site_pages(files)
    titles = category_titles(pages)
    groups: dict[str, list[ErrataPage]] = {}
    for page in pages:
        corrections = page.meta.get("_corrections", ())
        if is_generated(page) or not corrections:
            continue
        entry = ErrataPage(
            page.title or page.file.src_uri,
            href(page, errata),
            tuple((href(page, errata, c.id), c) for c in corrections),
        )
        groups.setdefault(category_of(page.file.src_uri) or OTHER[0], []).append(entry)
    order = _state.get("order", [])
    ranked = [slug for slug in order if slug in groups] + sorted(set(groups) - set(order))
    sections = render_errata(
        [(slug, titles.get(slug) or (OTHER[1] if slug == OTHER[0] else slug), groups[slug]) for slug in ranked]
    )
    total = sum(len(p.corrections) for group in groups.values() for p in group)
    errata.content = (errata.content or "").replace(
        COUNT_PLACEHOLDER, render_count(total, sum(len(g) for g in groups.values()))
    )
    fill_generated_page(errata, PLACEHOLDER, sections, EMPTY, search_exclude=True)
    log.debug(f"errata: {total} corrections")
    return env
