"""Hook: the practice page at interview/practice/ and its deck of every question block (issue 14).

on_config      reset state (`mkdocs serve` keeps hook modules between rebuilds)
on_files       add the generated page interview/practice.md, a placeholder until every page is rendered
on_env         cut every page's question blocks into cards (kb.practice), fill the practice
               page and put the progress table on the question index (interview/)
on_post_build  write the deck as interview/practice/deck.json and deck.js (for file://)

The front end is web/practice/ (bundled into assets/javascripts/practice.js); card ids
and text digests come from hooks/questions.py (kb.questions).
"""

from __future__ import annotations

from pathlib import Path

from kb.categories import category_of
from kb.glossary import generated_page
from kb.htmlwalk import find_start_tags
from kb.practice import (
    PLACEHOLDER,
    Card,
    build_deck,
    deck_json,
    deck_script,
    question_blocks,
    rebase_urls,
    render_practice_body,
    render_progress,
)
from kb.site import category_titles, href, is_generated, replace_with_generated, site_pages
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

log = get_plugin_logger(__name__)

PRACTICE_URI = "interview/practice.md"
INDEX_URI = "interview.md"
DECK_DIR = "interview/practice"
TITLE = "刷题练习"
DESCRIPTION = "把全站自测题做成抽认卡：按分类和标签选题，自评后按间隔重复安排复习，进度保存在浏览器里。"

_state: dict = {}


def on_config(config):
    _state.clear()
    _state["order"] = list(config.extra.get("categories", []))
    return config


def on_files(files, config):
    page = generated_page(TITLE, DESCRIPTION, PLACEHOLDER)
    replace_with_generated(files, config, PRACTICE_URI, page, "hooks/practice.py", log)
    return files


# Priority 4: after hooks/questions.py (5) filled the question index, whose page gets the
# progress table, and after autolinks (30), so answers keep their term links; before
# on_page_context, where Material's search plugin indexes page.content.
@event_priority(4)
def on_env(env, config, files):
    practice_file = files.get_file_from_path(PRACTICE_URI)
    if practice_file is None or practice_file.page is None:
        return env
    practice = practice_file.page
    pages = site_pages(files)
    titles = category_titles(pages)
    cards = []
    for page in pages:
        if is_generated(page):
            continue
        tags = page.meta.get("tags") or ()
        if isinstance(tags, str):
            tags = (tags,)
        for block in question_blocks(page.content):
            cards.append(
                Card(
                    id=block.card,
                    digest=block.digest,
                    category=category_of(page.file.src_uri) or "other",
                    tags=tuple(str(t) for t in tags),
                    question_html=rebase_urls(block.question_html, page.url, practice.url),
                    question_text=block.question_text,
                    answer_html=rebase_urls(block.answer_html, page.url, practice.url),
                    page_title=page.title or page.file.src_uri,
                    url=href(page, practice, block.anchor),
                )
            )
    order = _state.get("order", [])
    categories = [(slug, titles.get(slug) or ("其他" if slug == "other" else slug)) for slug in order]
    categories += [(slug, title) for slug, title in sorted(titles.items()) if slug not in order and slug]
    categories.append(("other", "其他"))
    deck = build_deck(cards, categories)
    _state["deck"] = deck
    script_href = get_relative_url(f"{DECK_DIR}/deck.js", practice.url)
    practice.content = (practice.content or "").replace(PLACEHOLDER, render_practice_body(deck, script_href))
    index_file = files.get_file_from_path(INDEX_URI)
    if index_file is not None and index_file.page is not None and index_file.page.content:
        index = index_file.page
        widget = render_progress(deck, href(practice, index))
        first_h2 = next(iter(find_start_tags(index.content, "h2")), None)
        at = first_h2[0] if first_h2 else len(index.content)
        index.content = index.content[:at] + widget + "\n" + index.content[at:]
    log.debug(f"practice: {len(cards)} cards")
    return env


def on_post_build(config):
    deck = _state.get("deck")
    if deck is None:
        return
    folder = Path(config.site_dir) / DECK_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "deck.json").write_text(deck_json(deck), encoding="utf-8")
        (folder / "deck.js").write_text(deck_script(deck), encoding="utf-8")
    except OSError as exc:
        raise PluginError(f"{DECK_DIR}: cannot write the practice deck: {exc}") from None
