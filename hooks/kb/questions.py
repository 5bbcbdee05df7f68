"""Question index: every ``??? question`` block of the site, with a stable id, and the pages listing them.

Flow: while a page renders, ``assign_question_ids`` gives each
``<details class="question">`` an ``id`` derived from its question (the slug of
its ``<summary>`` text, ``q-`` prefixed, made unique on the page) and returns
the page's ``Question`` records in page order.

Each question also gets a *card id* (``data-kb-card``), the key under which the
practice page (``kb.practice``) keeps a reader's progress, and a *digest* of its
text (``data-kb-digest``). The card id is ``q`` + 10 hex digits of SHA-256 over
the page's src_uri and the normalised question text (``normalise``: NFKC, runs
of white space collapsed), so it does not move when other questions are added,
removed or reordered, nor when the answer is edited; it changes when the page
moves or the question is reworded (progress then starts afresh, as it should for
a different question). An author can pin it: a title ending in ``{#my-id}``
(``??? question "…？ {#my-id}"``; pymdownx.details has no attribute syntax of
its own) sets both the anchor and the card id to ``my-id`` and is removed from
the visible title; a raw ``<details class="question" id="…">`` does the same.
``duplicate_cards`` finds card ids used twice (same question twice on a page,
or one explicit id on two pages). Once all pages are known the hook
groups them by category and ``render_question_index`` writes the body of the
generated ``interview/`` page (sections, see ``kb.sections``); ``render_question_counts`` writes the
per-category table of the home page.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.htmlwalk import find_start_tags, remembered_rewrite, tokenize
from kb.sections import Section, unique_id
from pymdownx.slugs import slugify

QUESTION_CLASS = "question"
COUNTS_PLACEHOLDER = "<!-- kb:questions -->"
EMPTY = "<p>本站还没有自测题。</p>"

_slugify = slugify(case="lower")  # same slugs as the headings (mkdocs.yml toc.slugify)
# An explicit id at the end of the title, attr_list style: "…？ {#my-id}".
_EXPLICIT = re.compile(r"\s*\{\s*#([A-Za-z][A-Za-z0-9_-]*)\s*\}\s*$")
CARD_ATTR = "data-kb-card"
DIGEST_ATTR = "data-kb-digest"


@dataclass(frozen=True)
class Question:
    id: str  # the anchor on its page
    text: str  # plain text of the question
    card: str = ""  # stable id of the practice card (progress key), see module doc
    digest: str = ""  # hash of the normalised text: stored progress of another text is dropped


def normalise(text: str) -> str:
    """The question text as ids see it: NFKC (full-width ？ = ?), white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


def card_id(src_uri: str, text: str) -> str:
    """Derived card id of a question: its page and its normalised text, nothing else."""
    return "q" + hashlib.sha256(f"{src_uri}\n{normalise(text)}".encode()).hexdigest()[:10]


def explicit_id(text: str) -> tuple[str, str | None]:
    """``(title without the suffix, id)`` for a title ending in ``{#id}``, else ``(text, None)``."""
    match = _EXPLICIT.search(text)
    if not match or not text[: match.start()].strip():
        return text, None
    return text[: match.start()], match.group(1)


@dataclass(frozen=True)
class Duplicate:
    card: str
    first: tuple[str, str]  # (src_uri, question text)
    second: tuple[str, str]

    def message(self) -> str:
        (uri1, text1), (uri2, text2) = self.first, self.second
        return (
            f"question id '{self.card}' is used twice: {uri1} 「{text1}」 and {uri2} 「{text2}」; "
            "reword one or give it an explicit id: ??? question \"…？ {#my-id}\""
        )


def duplicate_cards(questions: Iterable[tuple[str, Question]]) -> list[Duplicate]:
    """Every card id seen a second time, with the first place it was seen; input ``(src_uri, question)``."""
    seen: dict[str, tuple[str, str]] = {}
    out = []
    for src_uri, question in questions:
        where = (src_uri, question.text)
        if question.card in seen:
            out.append(Duplicate(question.card, seen[question.card], where))
        else:
            seen[question.card] = where
    return out


@dataclass(frozen=True)
class QuestionLink:
    href: str
    text: str
    page_title: str


@remembered_rewrite
def assign_question_ids(
    page_html: str, taken: Iterable[str] = (), src_uri: str = ""
) -> tuple[str, list[Question]]:
    """Give every question block an id and a card id; ``taken`` are the ids already on the page.

    Idempotent: a block that already has its attributes keeps them.
    """
    taken = set(taken)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in page_html
    questions = []
    for offset, token in find_start_tags(page_html, "details"):
        if QUESTION_CLASS not in token.classes:
            continue
        tag_end = offset + len(token.raw)
        raw_text, suffix_edit = _summary(page_html, tag_end)
        text, explicit = explicit_id(raw_text)
        text = " ".join(text.split())
        if explicit and suffix_edit is not None:
            edits.append(suffix_edit)
        qid = token.attr("id") or explicit
        if qid:
            taken.add(qid)
        else:
            qid = unique_id("q-" + (_slugify(text, "-") or str(len(questions) + 1)), taken)
        card = token.attr(CARD_ATTR) or ((token.attr("id") or explicit) and qid) or card_id(src_uri, text)
        digest = token.attr(DIGEST_ATTR) or text_digest(text)
        added = [("id", qid)] if not token.attr("id") else []
        added += [(CARD_ATTR, card)] if not token.attr(CARD_ATTR) else []
        added += [(DIGEST_ATTR, digest)] if not token.attr(DIGEST_ATTR) else []
        if added:
            attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in added)
            edits.append((offset, tag_end, token.raw[:-1].rstrip() + attrs + ">"))
        questions.append(Question(qid, text or qid, card, digest))
    out, cursor = [], 0
    for start, end, replacement in sorted(edits):
        out += [page_html[cursor:start], replacement]
        cursor = end
    out.append(page_html[cursor:])
    return "".join(out), questions


def _summary(page_html: str, start: int) -> tuple[str, tuple[int, int, str] | None]:
    """Text of the <summary> opening the block whose start tag ends at ``start``, and the edit
    that removes an explicit ``{#id}`` from its last text run (None when that run cannot be rewritten)."""
    text = _summary_text(page_html, start)
    close = page_html.find("</summary>", start)
    if close < 0 or not text:
        return text, None
    position, last = start, None
    for token in tokenize(page_html[start:close]):
        if token.kind == "text":
            last = (position, token)
        position += len(token.raw)
    if last is None or not last[1].clean:
        return text, None
    at, token = last
    stripped, explicit = explicit_id(token.text)
    if explicit is None:
        return text, None
    return text, (at, at + len(token.raw), html.escape(stripped.rstrip(), quote=False))


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
