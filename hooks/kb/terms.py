"""The term index: every term declared in front matter, where it is defined, and its conflicts.

Flow: after all pages are rendered, a hook passes ``(src_uri, terms)`` for every
page to ``build_term_index``; pages are visited in ``src_uri`` order so the
result never depends on file-system or dict order. Each term's name and aliases
("surfaces") are registered under their folded form (see ``fold``). The first
declaration of a surface wins; a later one is recorded as a ``Conflict`` (the
glossary hook logs it as a warning naming both files, so ``--strict`` fails).

Also here, because the glossary and the search dictionary both need them:
``initial_of``/``sort_key`` (pinyin initials for Chinese, Latin letters for
English), ``list_terms`` (every term with its aliases, for a jieba user
dictionary) and ``summary_text``/``summary_html`` (a summary may contain
`code` spans; everything else is escaped).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.frontmatter import Term

_SPACE_RE = re.compile(r"\s+")
_CODE_SPAN_RE = re.compile(r"`([^`]+)`")


def fold(text: str) -> str:
    """Matching form of a surface: lower case, every whitespace run a single space.

    Length-preserving per character is not needed here (surfaces only); the
    linker has its own offset-preserving fold for page text.
    """
    return _SPACE_RE.sub(" ", text.strip()).lower()


@dataclass(frozen=True)
class TermEntry:
    """A term as the site knows it: declared on ``src_uri``, defined at ``#anchor`` there."""

    name: str
    summary: str
    aliases: tuple[str, ...]
    anchor: str
    src_uri: str
    case_sensitive: bool = False
    autolink: bool = True  # false: matched (so it blocks shorter terms) but never linked

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Conflict:
    """A surface declared twice: ``kept`` owns it, ``dropped`` loses it."""

    surface: str
    kept: TermEntry
    dropped: TermEntry

    def message(self) -> str:
        new, old = self.dropped, self.kept
        what = (
            f"term '{new.name}'"
            if fold(self.surface) == fold(new.name)
            else f"alias '{self.surface}' of term '{new.name}'"
        )
        if fold(self.surface) == fold(old.name):
            owner = f"term '{old.name}'"
        else:
            owner = f"an alias of term '{old.name}'"
        if what == f"term '{old.name}'" and owner == what:
            owner = "a term"
        if old.src_uri == new.src_uri:
            return f"{new.src_uri}: {what} is already declared as {owner} on the same page"
        return f"{new.src_uri}: {what} is already declared as {owner} in {old.src_uri}"


@dataclass
class TermIndex:
    """Terms by name and by folded surface, with the conflicts found while registering."""

    entries: list[TermEntry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    by_surface: dict[str, TermEntry] = field(default_factory=dict)

    def register_term(self, term: Term, src_uri: str) -> None:
        entry = TermEntry(
            term.name, term.summary, term.aliases, term.anchor, src_uri, term.case_sensitive, term.autolink
        )
        owner = self.by_surface.get(fold(entry.name))
        if owner is not None:
            self.conflicts.append(Conflict(entry.name, owner, entry))
            return  # a term declared twice keeps its first definition only
        kept_aliases = []
        seen = {fold(entry.name)}
        for alias in entry.aliases:
            key = fold(alias)
            if key in seen:  # 'docker' next to 'Docker' on the same term is harmless
                if alias != entry.name and alias not in kept_aliases:
                    kept_aliases.append(alias)
                continue
            owner = self.by_surface.get(key)
            if owner is not None:
                self.conflicts.append(Conflict(alias, owner, entry))
                continue
            seen.add(key)
            kept_aliases.append(alias)
        entry = TermEntry(
            entry.name, entry.summary, tuple(kept_aliases), entry.anchor, src_uri, entry.case_sensitive, entry.autolink
        )
        for surface in entry.surfaces:
            self.by_surface[fold(surface)] = entry
        self.entries.append(entry)

    def get(self, name: str) -> TermEntry | None:
        entry = self.by_surface.get(fold(name))
        return entry if entry is not None and entry.name == name else None


def build_term_index(pages: Iterable[tuple[str, Iterable[Term]]]) -> TermIndex:
    """Index the terms of ``(src_uri, terms)`` pairs; pages in src_uri order, terms in declaration order."""
    index = TermIndex()
    for src_uri, terms in sorted(pages, key=lambda pair: pair[0]):
        for term in terms:
            index.register_term(term, src_uri)
    return index


def list_terms(pages: Iterable[tuple[str, Iterable[Term]]]) -> list[tuple[str, tuple[str, ...]]]:
    """Every known term with its aliases, sorted by term: what a search dictionary needs.

    ``pages`` is ``(src_uri, page.meta["_terms"])`` for every page; conflicting
    surfaces are dropped exactly as the glossary drops them.
    """
    index = build_term_index(pages)
    return sorted(((e.name, e.aliases) for e in index.entries), key=lambda pair: sort_key(pair[0]))


@functools.lru_cache(maxsize=8192)  # the glossary sorts the same names on every `mkdocs serve` rebuild
def _spelled(name: str, errors: str) -> tuple[str, ...]:
    # Imported on first use: pypinyin takes a quarter of a second to import, and only the glossary
    # (late in on_env) needs it — at start-up it would delay every page of the build.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(name, style=Style.NORMAL, errors=errors))


def initial_of(name: str) -> str:
    """The glossary group of a term: 'A'-'Z' (Latin letter or pinyin initial), else '#'."""
    first = name.strip()[:1]
    if not first:
        return "#"
    if first.isascii():
        return first.upper() if first.isalpha() else "#"
    # The whole name, not its first character: pypinyin reads phrases, so 重试 is chong, not zhong.
    syllables = _spelled(name.strip(), "ignore")
    letter = syllables[0][:1] if syllables else ""
    return letter.upper() if letter.isascii() and letter.isalpha() else "#"


def sort_key(name: str) -> tuple[str, str, str]:
    """Order within a glossary group: by pinyin/Latin spelling, then by the name itself."""
    spelled = " ".join(_spelled(name, "default")).lower()
    return (initial_of(name), spelled, name)


def summary_text(summary: str) -> str:
    """The summary as plain text (for a title attribute): `code` markers dropped."""
    return _CODE_SPAN_RE.sub(r"\1", summary)


def summary_html(summary: str) -> str:
    """The summary as safe HTML: everything escaped, `code` spans rendered as <code>."""
    return _CODE_SPAN_RE.sub(r"<code>\1</code>", html.escape(summary, quote=False))
