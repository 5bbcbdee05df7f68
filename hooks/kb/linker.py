"""Automatic cross-links: wrap the first occurrence of each term on a page in a link to its definition.

Flow: ``Matcher`` compiles every surface (term names and aliases) of the whole
site into ONE Aho-Corasick automaton, so matching a page costs time linear in
its length whatever the number of terms. ``link_terms`` walks the page's HTML
tokens (``kb.htmlwalk``), runs the matcher over each text node outside the
forbidden contexts, and re-serializes only the text nodes where it inserts a
link; every other byte is copied as is.

Matching rules (``Matcher.find``):

- leftmost-longest, non-overlapping: 「Docker Compose」 wins over 「Docker」, and a
  shorter term never splits a longer declared one. Overlaps are resolved over
  *all* matches, including terms that will not be linked here (already linked,
  or defined on this page), so a shorter term never links inside a longer one;
- a surface that starts (ends) with an ASCII letter, digit or ``_`` must not be
  preceded (followed) by one: ASCII terms match whole words, Chinese terms match
  inside running text;
- case-insensitive unless the term is ``case_sensitive``; a line break or
  other white-space character in the text matches a space in the surface.

How many links a page gets is the ``LinkPolicy``'s business (``kb.linkpolicy``):
a budget of linked characters and a cap per paragraph; an occurrence the policy
refuses leaves its term free for a later one.

Linking is idempotent: existing ``a.autolink`` elements count as the page's
first occurrence of their term and spend the policy's budget where they stand,
so linking twice gives the same HTML.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick
from kb.htmlwalk import Token, Walker, tokenize
from kb.linkpolicy import BLOCK_TAGS, UNLIMITED, LinkPolicy, prose_chars, visible_chars

# Never link inside these: links, code, headings, scripts, graphics, titles of
# admonitions/details, form controls and text that is not prose.
FORBIDDEN_TAGS = frozenset(
    {
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "script",
        "style",
        "svg",
        "math",
        "summary",
        "button",
        "textarea",
        "select",
        "option",
        "label",
        "title",
        "noscript",
        "template",
        "iframe",
        "object",
        "abbr",
    }
    | {f"h{level}" for level in range(1, 7)}
)
FORBIDDEN_CLASSES = frozenset({"mermaid", "admonition-title", "headerlink", "autolink", "kb-backlinks"})

AUTOLINK_CLASS = "autolink"
# Forbidden elements skipped without parsing their content (highlighted code is most of a page's tags).
OPAQUE_TAGS = ("pre", "script", "style")

_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u2028\u2029\u205f\u3000"
_SPACE_TO_BLANK = str.maketrans(_SPACES, " " * len(_SPACES))


def is_forbidden(token: Token) -> bool:
    """True for an element inside which no term may be linked."""
    if token.tag in FORBIDDEN_TAGS:
        return True
    classes = token.attr("class")
    return bool(classes) and not FORBIDDEN_CLASSES.isdisjoint(classes.split())


def fold_text(text: str) -> str:
    """Lower-case ``text`` and turn every white-space character into a blank, keeping its length."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ('İ'); keep those as they are
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_SPACE_TO_BLANK)


def _collapse(text: str) -> str:
    return " ".join(text.translate(_SPACE_TO_BLANK).split())


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


@dataclass(frozen=True)
class Surface:
    text: str
    key: str
    case_sensitive: bool = False


class Matcher:
    """One automaton over every surface; ``find`` returns the matches to consider in a text."""

    def __init__(self, surfaces: Iterable[Surface]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._keys: dict[str, Surface] = {}
        for surface in surfaces:
            folded = " ".join(fold_text(surface.text).split())
            if not folded or folded in self._keys:
                continue  # the term index already reported duplicates; first one wins
            self._keys[folded] = surface
            self._automaton.add_word(folded, (len(folded), surface))
        self._empty = not self._keys
        if not self._empty:
            self._automaton.make_automaton()

    def key_of(self, text: str) -> str | None:
        """The term key whose surface is exactly ``text`` (folded), if any."""
        surface = self._keys.get(" ".join(fold_text(text).split()))
        return surface.key if surface is not None else None

    def _valid(self, text: str, start: int, end: int, surface: Surface) -> bool:
        if surface.case_sensitive and _collapse(text[start:end]) != _collapse(surface.text):
            return False
        if _is_word(text[start]) and start > 0 and _is_word(text[start - 1]):
            return False
        if _is_word(text[end - 1]) and end < len(text) and _is_word(text[end]):
            return False
        return True

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, key)`` matches, leftmost-longest first."""
        if self._empty or not text:
            return []
        folded = fold_text(text)
        found = []
        for last, (length, surface) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if self._valid(text, start, end, surface):
                found.append((start, -length, surface.key))
        found.sort()
        chosen, cursor = [], 0
        for start, neg_length, key in found:
            if start >= cursor:
                chosen.append((start, start - neg_length, key))
                cursor = start - neg_length
        return chosen


@dataclass(frozen=True)
class LinkTarget:
    href: str
    title: str  # the summary, plain text; escaped when inserted
    term: str = ""  # the term's name (the link text may be an alias), for the popover


def _anchor(target: LinkTarget, text: str) -> str:
    """The link: the summary both as ``title`` (the browser's tooltip without JavaScript) and as
    ``data-summary`` (what the popover reads; Material's scripts may remove a link's title)."""
    href, title = htmllib.escape(target.href), htmllib.escape(target.title)
    term = f' data-term="{htmllib.escape(target.term)}"' if target.term else ""
    body = htmllib.escape(text, quote=False)
    return f'<a class="{AUTOLINK_CLASS}" href="{href}" title="{title}"{term} data-summary="{title}">{body}</a>'


class _Budget:
    """What the link policy still allows: characters of link text, links in the current block."""

    def __init__(self, policy: LinkPolicy, tokens: list[Token]) -> None:
        self.chars = None if policy.budget is None else int(policy.budget * prose_chars(tokens))
        self.per_block = policy.per_block
        self.in_block: dict[int, int] = {}
        self.blocks: list[tuple[str, int]] = []  # open block elements, innermost last, with a serial
        self.serial = 0

    def visit(self, token: Token) -> None:
        if token.tag not in BLOCK_TAGS:
            return
        if token.kind == "start":
            self.serial += 1
            self.blocks.append((token.tag, self.serial))
        elif token.kind == "end":
            for depth in range(len(self.blocks) - 1, -1, -1):
                if self.blocks[depth][0] == token.tag:
                    del self.blocks[depth:]
                    break

    def allows(self, text: str) -> bool:
        block = self.blocks[-1][1] if self.blocks else 0
        if self.per_block is not None and self.in_block.get(block, 0) >= self.per_block:
            return False
        return self.chars is None or visible_chars(text) <= self.chars

    def spend(self, text: str) -> None:
        block = self.blocks[-1][1] if self.blocks else 0
        self.in_block[block] = self.in_block.get(block, 0) + 1
        if self.chars is not None:
            self.chars -= visible_chars(text)


def link_terms(
    html: str,
    matcher: Matcher,
    target_of: Callable[[str], LinkTarget | None],
    skip: Iterable[str] = (),
    policy: LinkPolicy = UNLIMITED,
) -> tuple[str, list[str]]:
    """Link the first occurrence of each term in ``html`` that ``policy`` allows.

    ``target_of(key)`` gives the link for a term key (None: do not link it); it
    is only called for the terms that occur, so the cost does not grow with the
    number of terms on the site. ``skip``: keys that are matched (so they still block shorter terms) but never
    linked, e.g. the terms defined on this very page. ``policy``: the page's
    character budget and links per block (``kb.linkpolicy``); an occurrence the
    policy refuses leaves the term free for a later occurrence. Existing
    autolinks spend the budget where they stand, so linking stays idempotent.
    Returns the new HTML and the keys linked on this page, existing autolinks
    included, in page order.
    """
    done: set[str] = set(skip)
    linked: list[str] = []
    out: list[str] = []
    tokens = tokenize(html, opaque=OPAQUE_TAGS)
    budget = _Budget(policy, tokens)
    walker = Walker(is_forbidden)
    existing: list[str] | None = None  # text of an a.autolink being read
    for token in tokens:
        if token.kind == "text" and not walker.blocked:
            out.append(_link_text(token, matcher, target_of, done, linked, budget))
        else:
            out.append(token.raw)
            if existing is not None and token.kind == "text":
                existing.append(token.text)
        if token.kind == "start" and token.tag == "a" and AUTOLINK_CLASS in token.classes:
            existing = []
        elif token.kind == "end" and token.tag == "a" and existing is not None:
            text = "".join(existing)
            key = matcher.key_of(text)
            if key is not None and key not in done:
                done.add(key)
                linked.append(key)
            budget.spend(text)
            existing = None
        walker.visit(token)
        budget.visit(token)
    return "".join(out), linked


def _link_text(token, matcher, target_of, done, linked, budget) -> str:
    text = token.text
    pieces: list[str] = []
    cursor = 0
    matches = matcher.find(text)
    if not matches or not token.clean:
        return token.raw  # nothing to link, or text we could not re-serialize faithfully
    for start, end, key in matches:
        if key in done or not budget.allows(text[start:end]):
            continue
        target = target_of(key)
        done.add(key)
        if target is None:
            continue
        linked.append(key)
        budget.spend(text[start:end])
        pieces.append(htmllib.escape(text[cursor:start], quote=False))
        pieces.append(_anchor(target, text[start:end]))
        cursor = end
    if not pieces:
        return token.raw  # untouched text keeps its original bytes
    pieces.append(htmllib.escape(text[cursor:], quote=False))
    return "".join(pieces)
