"""The glossary page: every term once, grouped by initial, with aliases, summary, definition and referrers.

Flow: the glossary hook turns the term index (``kb.terms``) and the link graph
(``kb.backlinks``) into ``GlossaryEntry`` records with hrefs already relative
to the glossary page; ``render_glossary`` groups them by ``initial_of`` (Latin
letter, or pinyin initial for Chinese; '#' last), sorts each group by
``sort_key`` and returns one ``Section`` per group (a heading, so the table of
contents and the search index see the groups, and an HTML definition list in
which every inserted string is escaped).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.sections import Section
from kb.terms import initial_of, sort_key, summary_html
from pymdownx.slugs import slugify

PLACEHOLDER = "<!-- kb:glossary -->"
EMPTY = "<p>本站还没有声明术语。</p>"

_slugify = slugify(case="lower")
_SPACES = re.compile(r"\s+")


def variant_key(text: str) -> str:
    """What a reader would call the same spelling: case, full/half width and spacing folded away."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def display_aliases(name: str, aliases: Sequence[str]) -> tuple[str, ...]:
    """The aliases worth showing: each distinct spelling once, none that only re-spells the name.

    ``etcd`` with ``ETCD、Etcd`` shows nothing; ``Pod`` with ``pod、容器组`` shows ``容器组``.
    The variants still match (linking, search, the glossary filter): this is display only.
    """
    seen = {variant_key(name)}
    shown = []
    for alias in aliases:
        key = variant_key(alias)
        if key and key not in seen:
            seen.add(key)
            shown.append(alias)
    return tuple(shown)


@dataclass(frozen=True)
class GlossaryEntry:
    name: str
    aliases: tuple[str, ...]
    summary: str
    href: str  # the definition, relative to the glossary page
    page_title: str
    referrers: tuple[tuple[str, str], ...] = ()  # (title, href), in display order


def _link(title: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(title, quote=False)}</a>'


def _group_order(initial: str) -> tuple[bool, str]:
    return (initial == "#", initial)


def render_glossary(entries: Iterable[GlossaryEntry]) -> list[Section]:
    """The glossary's sections, one per initial; empty when no term is declared."""
    groups: dict[str, list[GlossaryEntry]] = {}
    for entry in entries:
        groups.setdefault(initial_of(entry.name), []).append(entry)
    taken: set[str] = set()
    sections = []
    for initial in sorted(groups, key=_group_order):
        group_id = "letter-other" if initial == "#" else f"letter-{initial.lower()}"
        items = [_render_entry(e, taken) for e in sorted(groups[initial], key=lambda e: sort_key(e.name))]
        sections.append(Section(group_id, initial, '<dl class="kb-glossary">\n' + "\n".join(items) + "\n</dl>"))
    return sections


def render_tools(sections: Sequence[Section], count: int) -> str:
    """Above the glossary: the filter box (hidden until web/ui/glossary.js runs) and the jump bar."""
    letters = "".join(
        f'<a href="#{html.escape(s.id)}" data-group="{html.escape(s.id)}">{html.escape(s.title, quote=False)}</a>'
        for s in sections
    )
    return (
        '<div class="kb-glossary-tools">\n'
        '<div class="kb-glossary-filter" hidden>'
        '<label for="kb-glossary-filter">筛选术语</label>'
        '<input id="kb-glossary-filter" type="search" autocomplete="off" spellcheck="false"'
        ' placeholder="输入名称、别名或释义中的词">'
        '<output class="kb-glossary-filter__count" for="kb-glossary-filter" aria-live="polite">'
        f"共 {count} 个术语</output>"
        "</div>\n"
        f'<nav class="kb-glossary-jump" aria-label="按首字母跳转">{letters}</nav>\n'
        '<p class="kb-glossary-empty" hidden>没有匹配的术语</p>\n'
        "</div>\n"
    )


def _term_id(name: str, taken: set[str]) -> str:
    base = "term-" + (_slugify(name, "-") or str(len(taken) + 1))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _render_entry(entry: GlossaryEntry, taken: set[str]) -> str:
    # data-match: every spelling, shown or not, for the filter box (web/ui/glossary.js).
    match = "\n".join((entry.name, *entry.aliases))
    lines = [
        f'<dt id="{html.escape(_term_id(entry.name, taken))}" data-match="{html.escape(match)}">'
        f"{_link(entry.name, entry.href)}</dt>",
        f'<dd><p class="kb-glossary__summary">{summary_html(entry.summary)}</p>',
    ]
    shown = display_aliases(entry.name, entry.aliases)
    if shown:
        aliases = "、".join(html.escape(a, quote=False) for a in shown)
        lines.append(f'<p class="kb-glossary__aliases">别名：{aliases}</p>')
    lines.append(f'<p class="kb-glossary__source">定义：{_link(entry.page_title, entry.href)}</p>')
    if entry.referrers:
        refs = "、".join(_link(title, href) for title, href in entry.referrers)
        lines.append(f'<p class="kb-glossary__referrers">引用：{refs}</p>')
    lines[-1] += "</dd>"
    return "\n".join(lines)


def generated_page(title: str, description: str, body: str) -> str:
    """Source of a page generated by a hook: front matter, an h1 and ``body``."""
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}\n"
