"""Question index: every ``??? question`` block of the site, with a stable id, and the pages listing them.

Flow: while a page renders, ``assign_question_ids`` gives each
``<details class="question">`` an ``id`` derived from its question (the slug of
its ``<summary>`` text, ``q-`` prefixed, made unique on the page) and returns
the page's ``Question`` records in page order. Once all pages are known the hook
groups them by category and ``render_question_index`` writes the body of the
generated ``interview/`` page (sections, see ``kb.sections``); ``render_question_counts`` writes the
per-category table of the home page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.htmlwalk import find_start_tags, tokenize
from kb.sections import Section
from pymdownx.slugs import slugify

QUESTION_CLASS = "question"
COUNTS_PLACEHOLDER = "<!-- kb:questions -->"
EMPTY = "<p>本站还没有自测题。</p>"

_slugify = slugify(case="lower")  # same slugs as the headings (mkdocs.yml toc.slugify)


@dataclass(frozen=True)
class Question:
    id: str
    text: str  # plain text of the question


@dataclass(frozen=True)
class QuestionLink:
    href: str
    text: str
    page_title: str


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def assign_question_ids(page_html: str, taken: Iterable[str] = ()) -> tuple[str, list[Question]]:
    """Give every question block an id; ``taken`` are the ids already on the page."""
    taken = set(taken)
    out, questions, cursor = [], [], 0
    for offset, token in find_start_tags(page_html, "details"):
        if QUESTION_CLASS not in token.classes:
            continue
        text = " ".join(_summary_text(page_html, offset + len(token.raw)).split())
        qid = token.attr("id")
        if qid:
            taken.add(qid)
        else:
            qid = _unique("q-" + (_slugify(text, "-") or str(len(questions) + 1)), taken)
            end = offset + len(token.raw)
            out.append(page_html[cursor:offset])
            out.append(token.raw[:-1].rstrip() + f' id="{html.escape(qid)}">')
            cursor = end
        questions.append(Question(qid, text or qid))
    out.append(page_html[cursor:])
    return "".join(out), questions


def _summary_text(page_html: str, start: int) -> str:
    """Text of the <summary> that opens a details block whose start tag ends at ``start``."""
    close = page_html.find("</summary>", start)
    if close < 0:
        return ""
    text, inside = [], False
    for token in tokenize(page_html[start : close + len("</summary>")]):
        if token.kind == "start" and token.tag == "summary":
            inside = True
        elif token.kind == "start" and token.tag == "details":
            return ""  # no summary of its own before a nested block
        elif inside and token.kind == "text":
            text.append(token.text)
    return "".join(text)


def render_question_index(groups: Sequence[tuple[str, str, Sequence[QuestionLink]]]) -> list[Section]:
    """Sections of the question index from ``(group id, group title, questions)`` per category."""
    sections = []
    for group_id, title, links in groups:
        if not links:
            continue
        items = [
            f'<li><a href="{html.escape(q.href)}">{html.escape(q.text, quote=False)}</a>'
            f' <span class="kb-questions__page">（{html.escape(q.page_title, quote=False)}）</span></li>'
            for q in links
        ]
        sections.append(Section(group_id, title, '<ol class="kb-questions">\n' + "\n".join(items) + "\n</ol>"))
    return sections


def render_question_counts(rows: Sequence[tuple[str, str, int]]) -> str:
    """HTML table for the home page: ``(category title, href to its index section or '', count)`` per row.

    Categories without questions get no row. No class on the table: Material styles (and scrolls)
    only class-less tables, so this one looks like the category table beside it.
    """
    rows = [row for row in rows if row[2]]
    cells = [
        (
            f'<a href="{html.escape(href)}">{html.escape(title, quote=False)}</a>'
            if href
            else html.escape(title),
            count,
        )
        for title, href, count in rows
    ]
    body = "\n".join(
        f'<tr><td>{cell}</td><td style="text-align: right">{count}</td></tr>' for cell, count in cells
    )
    total = sum(count for _, _, count in rows)
    right = 'style="text-align: right"'
    return (
        f'<table id="kb-question-counts">\n<thead><tr><th>分类</th><th {right}>自测题</th></tr></thead>\n'
        f"<tbody>\n{body}\n"
        f"<tr><td><strong>合计</strong></td><td {right}><strong>{total}</strong></td></tr>\n"
        "</tbody>\n</table>"
    )
