"""Practice deck: every question block of the site as a flash card, and the practice page around it.

Flow: after every page is rendered (and autolinked), ``question_blocks`` cuts
each ``<details class="question">`` of a page's HTML into its question (the
``<summary>``) and its answer (everything after it: code, tables, diagrams as
rendered), with the card id and text digest that ``kb.questions`` gave the block.
Links and images in a card are written relative to the topic page, so
``rebase_urls`` rewrites them for the practice page. ``build_deck`` assembles the
cards, categories (configured order) and tags into a JSON-ready dict that the
hook writes as ``deck.json`` and, for ``file://`` (no fetch there), as ``deck.js``
assigning ``window.kbPracticeDeck``. ``render_practice_body`` is the static part
of the practice page and ``render_progress`` the per-category progress table
(also on the question index); the front end (``web/practice/``) fills both.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from kb.htmlwalk import CODE_AND_SCRIPTS, Token, remembered, tokenize
from kb.questions import CARD_ATTR, DIGEST_ATTR, QUESTION_CLASS
from mkdocs.utils import get_relative_url

DECK_FORMAT = "kb-practice-deck"
DECK_VERSION = 1
DECK_GLOBAL = "kbPracticeDeck"
PLACEHOLDER = "<!-- kb:practice -->"
PROGRESS_CLASS = "kb-practice-progress"
_URL_ATTRS = {"a": "href", "img": "src", "source": "src", "video": "src", "audio": "src"}


@dataclass(frozen=True)
class Block:
    card: str
    digest: str
    anchor: str
    question_html: str  # inner HTML of <summary>
    question_text: str
    answer_html: str


@dataclass(frozen=True)
class Card:
    id: str
    digest: str
    category: str  # slug
    tags: tuple[str, ...]
    question_html: str
    question_text: str
    answer_html: str  # links already relative to the practice page
    page_title: str
    url: str  # page#anchor, relative to the practice page


@remembered
def question_blocks(page_html: str) -> list[Block]:
    """The question blocks of a rendered page (those with a card id), in page order."""
    blocks: list[Block] = []
    stack: list[dict | None] = []  # one entry per open <details>; a dict for a question block
    position = 0
    for token in tokenize(page_html, opaque=CODE_AND_SCRIPTS):
        end = position + len(token.raw)
        if token.kind == "start" and token.tag == "details":
            is_question = QUESTION_CLASS in token.classes and token.attr(CARD_ATTR)
            stack.append({"token": token, "summary": None, "body": None, "text": []} if is_question else None)
        elif stack and stack[-1] is not None:
            current = stack[-1]
            if token.kind == "start" and token.tag == "summary" and current["summary"] is None:
                current["summary"] = end
            elif token.kind == "end" and token.tag == "summary" and current["body"] is None:
                current["question"] = page_html[current["summary"] or end : position]
                current["body"] = end
            elif token.kind == "text" and current["summary"] is not None and current["body"] is None:
                current["text"].append(token.text)
        if token.kind == "end" and token.tag == "details" and stack:
            current = stack.pop()
            if current is not None and current["body"] is not None:
                start: Token = current["token"]
                blocks.append(
                    Block(
                        card=start.attr(CARD_ATTR) or "",
                        digest=start.attr(DIGEST_ATTR) or "",
                        anchor=start.attr("id") or "",
                        question_html=current["question"].strip(),
                        question_text=" ".join("".join(current["text"]).split()),
                        answer_html=page_html[current["body"] : position].strip(),
                    )
                )
        position = end
    return blocks


def _rebase(url: str, page_url: str, target_url: str) -> str | None:
    """``url`` as written on ``page_url``, relative to ``target_url``; None to keep it as it is."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/") or not url:
        return None
    absolute = urlsplit(urljoin("http://site/" + page_url, url))
    path = absolute.path[1:]
    rebased = get_relative_url(path, target_url) if path else "./"
    if path.endswith("/") and not rebased.endswith("/"):
        rebased += "/"
    query = f"?{absolute.query}" if absolute.query else ""
    return rebased + query + (f"#{absolute.fragment}" if absolute.fragment else "")


def _serialize(token: Token, attrs: Sequence[tuple[str, str | None]]) -> str:
    parts = [f"<{token.tag}"]
    for name, value in attrs:
        parts.append(f" {name}" if value is None else f' {name}="{html.escape(value)}"')
    return "".join(parts) + (" />" if token.kind == "startend" else ">")


def rebase_urls(fragment: str, page_url: str, target_url: str) -> str:
    """Rewrite the relative links and image sources of ``fragment`` from ``page_url`` to ``target_url``."""
    out = []
    for token in tokenize(fragment, opaque=("pre",)):
        name = _URL_ATTRS.get(token.tag) if token.kind in ("start", "startend") else None
        value = token.attr(name) if name else None
        rebased = _rebase(value, page_url, target_url) if value is not None else None
        if rebased is None:
            out.append(token.raw)
        else:
            out.append(_serialize(token, [(k, rebased if k == name else v) for k, v in token.attrs]))
    return "".join(out)


def build_deck(cards: Iterable[Card], categories: Sequence[tuple[str, str]]) -> dict:
    """The deck as written to deck.json: categories in ``categories`` order (those with cards), then cards."""
    cards = list(cards)
    used = {card.category for card in cards}
    order = [slug for slug, _ in categories]
    titles = dict(categories)
    ranked = [slug for slug in order if slug in used] + sorted(used - set(order))
    rank = {slug: i for i, slug in enumerate(ranked)}
    cards.sort(key=lambda card: rank[card.category])  # stable: page order within a category
    tags = sorted({tag for card in cards for tag in card.tags}, key=lambda t: (t.lower(), t))
    return {
        "format": DECK_FORMAT,
        "version": DECK_VERSION,
        "categories": [{"id": slug, "title": titles.get(slug, slug)} for slug in ranked],
        "tags": tags,
        "cards": [
            {
                "id": card.id,
                "h": card.digest,
                "c": card.category,
                "tags": list(card.tags),
                "q": card.question_html,
                "qt": card.question_text,
                "a": card.answer_html,
                "page": card.page_title,
                "url": card.url,
            }
            for card in cards
        ],
    }


def deck_json(deck: dict) -> str:
    return json.dumps(deck, ensure_ascii=False, separators=(",", ":"))


def deck_script(deck: dict) -> str:
    """The deck as a classic script (``file://`` pages cannot fetch JSON)."""
    text = deck_json(deck).replace("</", "<\\/")  # harmless in JSON strings, safe if ever inlined
    return f"window.{DECK_GLOBAL} = {text};\n"


def render_progress(deck: dict, link: str = "") -> str:
    """Per-category progress table; every row lists its cards (``id:digest``) for the front end to count."""
    by_category: dict[str, list[str]] = {}
    for card in deck["cards"]:
        by_category.setdefault(card["c"], []).append(f'{card["id"]}:{card["h"]}')
    rows = []
    for category in deck["categories"]:
        ids = by_category.get(category["id"], [])
        rows.append(
            f'<tr data-kb-cards="{html.escape(" ".join(ids))}"><td>{html.escape(category["title"], quote=False)}</td>'
            f'<td data-kb-state="new">{len(ids)}</td><td data-kb-state="learning">0</td>'
            f'<td data-kb-state="mastered">0</td></tr>'
        )
    total = len(deck["cards"])
    go = (
        f'<p class="kb-practice-progress__go"><a class="md-button md-button--primary" href="{html.escape(link)}">'
        "开始刷题</a></p>"
        if link
        else ""
    )
    return (
        f'<div class="{PROGRESS_CLASS}" data-search-exclude>\n'
        '<p class="kb-practice-progress__title"><strong>我的刷题进度</strong>'
        '<span class="kb-practice-progress__note">（保存在本浏览器中）</span></p>\n'
        '<table>\n<thead><tr><th>分类</th><th>新题</th><th>学习中</th><th>已掌握</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + f'\n<tr class="kb-practice-progress__total" data-kb-total><td>合计</td><td data-kb-state="new">{total}</td>'
        '<td data-kb-state="learning">0</td><td data-kb-state="mastered">0</td></tr>\n'
        f"</tbody>\n</table>\n{go}</div>"
    )


def render_practice_body(deck: dict, deck_script_href: str) -> str:
    """The static part of the practice page: explanation, the app's mount point, the progress table."""
    return (
        # A <section>: Material's search parser tells excluded elements apart by tag name only,
        # so the first inner </div> would end a <div data-search-exclude>.
        '<section class="kb-practice" id="kb-practice" data-search-exclude'
        f' data-deck="{html.escape(deck_script_href)}">\n'
        '<p class="kb-practice__intro">全站 '
        f'{len(deck["cards"])} 道自测题做成的抽认卡：选分类或标签，先自己回答，再点「显示答案」，'
        "按实际情况评为「不会」「模糊」或「会」。</p>\n"
        '<details class="kb-practice__help"><summary>复习规则（莱特纳盒子）</summary>\n'
        "<p>每道题在 1 到 5 号盒子里：评「不会」回到 1 号盒，评「模糊」留在原来的盒子，评「会」升入下一个盒子。"
        "盒子决定下次复习的日子：1 号盒当天再练，2 号盒 1 天后，3 号盒 3 天后，4 号盒 7 天后，5 号盒 21 天后。"
        "每轮先出到期的题，再出没练过的新题。进入 5 号盒的题算「已掌握」。</p>\n"
        "<p>键盘：空格显示答案，<kbd>1</kbd> 不会、<kbd>2</kbd> 模糊、<kbd>3</kbd> 会，"
        "<kbd>j</kbd> 下一题、<kbd>k</kbd> 上一题。进度只保存在本浏览器里，可以导出成文件再导入。</p>\n"
        "</details>\n"
        '<div class="kb-practice__app" aria-live="polite"><p class="kb-practice__loading">正在加载题库……</p></div>\n'
        "<noscript><p>刷题需要启用 JavaScript。</p></noscript>\n"
        f"{render_progress(deck)}\n"
        "</section>"
    )
