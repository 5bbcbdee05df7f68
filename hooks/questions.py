"""Hook: the question index at interview/ and the question counts on the home page.

on_config        reset state (`mkdocs serve` keeps hook modules between rebuilds)
on_files         add the generated page interview.md, a placeholder until every page is rendered
on_page_content  give every <details class="question"> an id (slug of the question) and a
                 stable card id (kb.questions), remember the page's questions in page.meta["_questions"]
on_env           group all questions by category (extra.categories order), render the
                 index into interview.md and replace <!-- kb:questions --> on the home
                 page with the count table; warn about a card id used twice (naming both
                 files, so --strict fails)
"""

from __future__ import annotations

from kb.categories import category_of
from kb.glossary import generated_page
from kb.questions import (
    COUNTS_PLACEHOLDER,
    EMPTY,
    QuestionLink,
    assign_question_ids,
    duplicate_cards,
    render_question_counts,
    render_question_index,
)
from kb.site import category_titles, fill_generated_page, href, is_generated, replace_with_generated, site_pages
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

INDEX_URI = "interview.md"
PLACEHOLDER = "<!-- kb:interview -->"
TITLE = "面试题索引"
DESCRIPTION = "全站自测题按分类汇总，每题链接到它所在页面的位置。"
OTHER = ("other", "其他")

_state: dict = {}


def on_config(config):
    _state.clear()
    _state["order"] = list(config.extra.get("categories", []))
    return config


def on_files(files, config):
    page = generated_page(TITLE, DESCRIPTION, PLACEHOLDER)
    replace_with_generated(files, config, INDEX_URI, page, "hooks/questions.py", log)
    return files


def on_page_content(html, page, config, files):
    html, questions = assign_question_ids(html, page.present_anchor_ids or (), page.file.src_uri)
    page.meta["_questions"] = tuple(questions)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(q.id for q in questions)  # links to #q-... validate
    return html


# Priority 5: after the other knowledge-graph hooks (autolinks 30, backlinks 20, glossary 10),
# so the generated count table is neither autolinked nor counted as a reference; before
# on_page_context, where Material's search plugin indexes page.content.
@event_priority(5)
def on_env(env, config, files):
    pages = site_pages(files)
    index_file = files.get_file_from_path(INDEX_URI)
    index_page = index_file.page if index_file is not None else None
    order = _state.get("order", [])
    titles = category_titles(pages)
    groups: dict[str, list] = {}
    for page in pages:
        if is_generated(page):
            continue
        for question in page.meta.get("_questions", ()):
            groups.setdefault(category_of(page.file.src_uri) or OTHER[0], []).append((page, question))
    ranked = order + sorted(set(groups) - set(order))
    for duplicate in duplicate_cards(
        (page.file.src_uri, q) for page in pages if not is_generated(page) for q in page.meta.get("_questions", ())
    ):
        log.warning(duplicate.message())
    if index_page is not None:
        body = render_question_index(
            [
                (
                    slug,
                    titles.get(slug) or (OTHER[1] if slug == OTHER[0] else slug),
                    [
                        QuestionLink(href(p, index_page, q.id), q.text, p.title or p.file.src_uri)
                        for p, q in groups.get(slug, [])
                    ],
                )
                for slug in ranked
            ]
        )
        fill_generated_page(index_page, PLACEHOLDER, body, EMPTY)
    home = next((p for p in pages if p.file.src_uri == "index.md"), None)
    if home is not None and COUNTS_PLACEHOLDER in home.content:
        rows = [
            (
                titles.get(slug) or (OTHER[1] if slug == OTHER[0] else slug),
                href(index_page, home, slug) if groups.get(slug) and index_page is not None else "",
                len(groups.get(slug, [])),
            )
            for slug in ranked
            if slug in titles or groups.get(slug)
        ]
        home.content = home.content.replace(COUNTS_PLACEHOLDER, render_question_counts(rows))
    log.debug(f"questions: {sum(len(g) for g in groups.values())} on {len(pages)} pages")
    return env
