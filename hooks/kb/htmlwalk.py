"""A lossless tokenizer for the HTML fragments MkDocs renders.

Flow: ``tokenize(html)`` runs the standard library's ``html.parser`` over the
fragment, records where every token starts, and returns the tokens in order
with their *raw* source text. Joining the ``raw`` of all tokens gives back the
input exactly, so a rewriter (term linking, question ids) can copy every token
it does not touch byte for byte and re-serialize only what it changes.

Speed: every hook that reads or rewrites a page's HTML tokenizes it, so ``tokenize``
first tries ``_scan``, a single-pass scanner for the regular HTML that Markdown and
MkDocs write (tags, text, comments, a doctype). It gives up on anything it does not
recognise — a stray ``<``, an unclosed comment, a processing instruction — and the
fragment then goes through ``html.parser``, so the tokens are the same either way
(tests compare the two on every built page and on generated fragments); the scanner
is about twice as fast on real pages.

Adjacent text tokens are merged: ``html.parser`` splits text at a stray ``<``
and we want one run of text per gap between tags. ``Token.text`` is the
unescaped text (``&amp;`` -> ``&``); ``Token.clean`` says whether that text and
the raw source agree, i.e. whether re-escaping the text is a faithful rewrite.

``Walker`` keeps the stack of open elements so callers can ask "am I inside a
<code>, a heading, a link...?" without regexes over HTML.
"""

from __future__ import annotations

import functools
import html as htmllib
import re
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import Any, TypeVar

T = TypeVar("T")

_RAW_TEXT_ELEMENTS = frozenset({"script", "style"})

# Elements that never have content or an end tag.
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


class Token:
    """One token: ``kind`` is "start", "end", "startend", "text" or "other" (comments, doctype, skipped)."""

    __slots__ = ("kind", "raw", "tag", "attrs", "text")  # many thousands per page: keep them light

    def __init__(self, kind: str, raw: str, tag: str = "", attrs: tuple = (), text: str = "") -> None:
        self.kind, self.raw, self.tag, self.attrs, self.text = kind, raw, tag, attrs, text

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.raw!r})"

    @property
    def clean(self) -> bool:
        """True when ``raw`` is exactly the escaped form of ``text`` (safe to rewrite from ``text``)."""
        return htmllib.unescape(self.raw) == self.text

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple((self.attr("class") or "").split())


class _Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[tuple[int, int], str, str, tuple, str]] = []

    def _add(self, kind: str, tag: str = "", attrs=(), text: str = "") -> None:
        self.events.append((self.getpos(), kind, tag, attrs, text))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, tuple(attrs))

    def handle_startendtag(self, tag, attrs):
        self._add("startend", tag, tuple(attrs))

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("text", text=data)

    def handle_comment(self, data):
        self._add("other")

    def handle_decl(self, decl):
        self._add("other")

    def handle_pi(self, data):
        self._add("other")

    def unknown_decl(self, data):
        self._add("other")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def tokenize(html: str, opaque: tuple[str, ...] = ()) -> list[Token]:
    """The tokens of an HTML fragment, in order; ``"".join(t.raw for t in tokens) == html``.

    ``opaque``: elements (e.g. ``("pre",)``) whose whole extent, start tag to end
    tag, becomes one "other" token without being parsed. A caller that never
    looks inside them saves most of the work on pages full of highlighted code
    (one <span> per code token). MkDocs escapes ``<`` in text and attribute
    values, so ``<pre`` in its output is always a tag.
    """
    key = (html, opaque)
    found = _recent.get(key)
    if found is None:
        found = _recent[key] = _tokenize_regions(html, opaque)
        if len(_recent) > _RECENT:
            del _recent[next(iter(_recent))]
    return list(found)  # the caller's own list; the tokens themselves are never changed


# The last few pages tokenized: several hooks read the same page's HTML one after another
# (corrections, search, admonitions), and a page's HTML is unchanged between them.
_RECENT = 4
_recent: dict[tuple[str, tuple[str, ...]], list[Token]] = {}


def _tokenize_regions(html: str, opaque: tuple[str, ...]) -> list[Token]:
    if not opaque:
        return _tokenize(html)
    tokens: list[Token] = []
    cursor = 0
    for start, end in _opaque_regions(html, opaque):
        tokens += _tokenize(html[cursor:start])
        tokens.append(Token("other", html[start:end]))
        cursor = end
    tokens += _tokenize(html[cursor:])
    return tokens


# What most readers of a page skip: code blocks (one <span> per highlighted token) and scripts.
CODE_AND_SCRIPTS = ("pre", "script", "style")


def _opaque_regions(html: str, tags: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each top-level ``<tag ...>...</tag>`` for the given tags, in order."""
    lowered = html.lower()
    cursor = 0
    while True:
        found = [(i, tag) for tag in tags if (i := _find_start_tag(lowered, tag, cursor)) >= 0]
        if not found:
            return
        start, tag = min(found)
        end = _element_end(lowered, tag, start)
        if end < 0:
            return  # unbalanced: let the parser see the rest
        yield start, end
        cursor = end


def _element_end(lowered: str, tag: str, start: int) -> int:
    """Offset just after the end tag closing the element opened at ``start``; -1 if unclosed."""
    close_tag = f"</{tag}>"
    if tag in _RAW_TEXT_ELEMENTS:  # their content is text: the first end tag closes them
        close = lowered.find(close_tag, start)
        return close + len(close_tag) if close >= 0 else -1
    depth, cursor = 0, start
    while True:
        opening = _find_start_tag(lowered, tag, cursor)
        close = lowered.find(close_tag, cursor)
        if close < 0:
            return -1
        if 0 <= opening < close:
            depth, cursor = depth + 1, opening + 1
        else:
            depth, cursor = depth - 1, close + len(close_tag)
            if depth == 0:
                return cursor


def _find_start_tag(lowered: str, tag: str, cursor: int) -> int:
    needle = f"<{tag}"
    index = lowered.find(needle, cursor)
    while index >= 0:
        after = lowered[index + len(needle) : index + len(needle) + 1]
        if after in (">", " ", "\n", "\t", "/"):
            return index
        index = lowered.find(needle, index + 1)
    return -1


def _tokenize(html: str) -> list[Token]:
    tokens = _scan(html)
    return tokens if tokens is not None else _parse(html)


# One token at a time, anchored where the previous one ended. Tag names and attributes follow
# html.parser's rules (a name runs to whitespace, "/" or ">"; a value is quoted or runs to
# whitespace or ">"), restricted to what well-formed HTML has: a quote, "<" or "=" where
# html.parser would start guessing is not matched, and the fragment goes to html.parser.
_NAME = r"""[^\s/>"'=<][^\s/=>"'<]*+(?=[\s/>=])"""
_VALUE = r"""\s*=+\s*(?:'[^']*'|"[^"]*"|[^>\s"'=<`]++)(?=[\s/>])"""
_NEXT = re.compile(
    r"""(?P<text>[^<]+)"""
    r"""|(?P<end></(?P<end_tag>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>)"""
    r"""|(?P<start><(?P<tag>[a-zA-Z][^\t\n\r\f />\x00]*)"""
    rf"""(?P<attrs>(?:[\s/]+{_NAME}(?:{_VALUE})?)*+)"""
    r"""[\s/]*?(?P<close>/?)>)"""
    r"""|(?P<comment><!--(?!-?>).*?--\s*>)"""
    r"""|(?P<decl><![dD][oO][cC][tT][yY][pP][eE][^<>]*>)""",
    re.S,
)
_ATTR = re.compile(rf"""[\s/]+({_NAME})({_VALUE})?""")
_ATTR_VALUE = re.compile(r"""\s*=+\s*""")
_RAW_TEXT_END = {tag: re.compile(f"</{tag}", re.I) for tag in _RAW_TEXT_ELEMENTS}


def _attr_value(rest: str) -> str | None:
    if not rest:
        return None  # a name without "=": html.parser reports None, not ""
    value = rest[_ATTR_VALUE.match(rest).end() :]
    if value[:1] in ("'", '"') and value[:1] == value[-1:] and len(value) >= 2:
        value = value[1:-1]
    return htmllib.unescape(value) if value else value


def _scan(html: str) -> list[Token] | None:
    """The tokens of regular HTML in one pass; None when something irregular needs html.parser."""
    tokens: list[Token] = []
    add = tokens.append
    match = _NEXT.match
    unescape = htmllib.unescape
    cursor, size = 0, len(html)
    while cursor < size:
        found = match(html, cursor)
        if found is None:
            return None
        kind = found.lastgroup
        raw = found.group()
        if kind == "text":
            add(Token("text", raw, "", (), unescape(raw) if "&" in raw else raw))
        elif kind == "end":
            add(Token("end", raw, found.group(3).lower()))
        elif kind == "start":
            tag = found.group(5).lower()
            attrs = ()
            if found.end(6) > found.start(6):  # one character more, for the lookahead after the last value
                attrs = tuple(
                    (name.lower(), _attr_value(value))
                    for name, value in _ATTR.findall(html, found.start(6), found.end(6) + 1)
                )
            add(Token("startend" if found.group(7) else "start", raw, tag, attrs))
            if tag in _RAW_TEXT_ELEMENTS:  # script/style content is text up to the end tag, not unescaped
                close = _RAW_TEXT_END[tag].search(html, found.end())
                if close is None:
                    return None
                if close.start() > found.end():
                    body = html[found.end() : close.start()]
                    add(Token("text", body, "", (), body))
                cursor = close.start()
                continue
        else:  # comment, doctype
            add(Token("other", raw))
        cursor = found.end()
    return tokens


def _parse(html: str) -> list[Token]:
    recorder = _Recorder()
    recorder.feed(html)
    recorder.close()
    lines = _line_starts(html)
    offsets = [lines[line - 1] + col for (line, col), *_ in recorder.events]
    tokens: list[Token] = []
    # Anything before the first event (never expected) is kept as an opaque token.
    if offsets and offsets[0] > 0:
        tokens.append(Token("other", html[: offsets[0]]))
    if not offsets and html:
        tokens.append(Token("other", html))
    for i, (_, kind, tag, attrs, text) in enumerate(recorder.events):
        end = offsets[i + 1] if i + 1 < len(offsets) else len(html)
        raw = html[offsets[i] : end]
        if kind == "text" and tokens and tokens[-1].kind == "text":
            prev = tokens.pop()
            tokens.append(Token("text", prev.raw + raw, text=prev.text + text))
        else:
            tokens.append(Token(kind, raw, tag, attrs, text))
    return tokens


def may_contain(html: str, text: str) -> bool:
    """False only when ``html`` cannot have ``text`` in its text, written as is or as character references."""
    if text in html:
        return True
    if "&#" not in html:
        return False
    lowered = html.lower()
    return any(f"&#{ord(c)};" in html or f"&#x{ord(c):x};" in lowered for c in text)


def remembered(function: Callable[[str], Iterable[T]]) -> Callable[[str], list[T]]:
    """``function(page_html)`` computed once per distinct HTML, for a while (the last few thousand).

    For what hooks extract from a whole page (its links, its question blocks): under `mkdocs
    serve` every rebuild asks again for every page, and most pages' HTML has not changed.
    The items must be immutable (frozen dataclasses, strings); each caller gets its own list.
    """

    @functools.lru_cache(maxsize=4096)
    def cached(page_html: str) -> tuple[T, ...]:
        return tuple(function(page_html))

    @functools.wraps(function)
    def wrapper(page_html: str) -> list[T]:
        return list(cached(page_html))

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def remembered_rewrite(function: Callable[..., tuple[str, Iterable[T]]]) -> Callable[..., tuple[str, list[T]]]:
    """``function(page_html, taken_ids, *rest) -> (new_html, items)`` computed once per distinct inputs, for a while.

    For a hook's ``on_page_content`` rewrite (ids for question or correction blocks): under
    `mkdocs serve` every rebuild rewrites every page again, and most pages did not change. The
    last few thousand are kept, as ``remembered`` does (a site of 1,200 pages thrashed a
    thousand). Items must be immutable; each caller gets its own list.
    """

    @functools.lru_cache(maxsize=4096)
    def cached(page_html: str, taken: frozenset[str], *rest: Any) -> tuple[str, tuple[T, ...]]:
        html, items = function(page_html, taken, *rest)
        return html, tuple(items)

    @functools.wraps(function)
    def wrapper(page_html: str, taken: Iterable[str] = (), *rest: Any) -> tuple[str, list[T]]:
        html, items = cached(page_html, frozenset(taken), *rest)
        return html, list(items)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def find_start_tags(html: str, tag: str) -> Iterator[tuple[int, Token]]:
    """``(offset, token)`` of every start tag ``<tag ...>`` outside <pre>, <script> and <style>.

    Cheaper than ``tokenize`` when only one kind of tag matters (links,
    question blocks): each candidate start tag is parsed on its own. A tag
    whose attribute values contain a raw ``<`` (MkDocs never writes one) is skipped.
    """
    lowered = html.lower()
    regions = list(_opaque_regions(html, ("pre", "script", "style")))
    region = 0
    index = _find_start_tag(lowered, tag, 0)
    while index >= 0:
        while region < len(regions) and regions[region][1] <= index:
            region += 1
        if region < len(regions) and regions[region][0] <= index:
            index = _find_start_tag(lowered, tag, regions[region][1])
            continue
        end = html.find("<", index + 1)
        tokens = _tokenize(html[index : end if end >= 0 else len(html)])
        if tokens and tokens[0].kind in ("start", "startend") and tokens[0].tag == tag:
            yield index, tokens[0]
        index = _find_start_tag(lowered, tag, index + 1)


class Walker:
    """Tracks open elements while tokens are visited in order.

    ``blocked`` is true while any open element satisfies ``is_blocking`` (for
    instance: inside <code>, a heading or a link).
    """

    def __init__(self, is_blocking: Callable[[Token], bool]) -> None:
        self._is_blocking = is_blocking
        self._stack: list[tuple[str, bool]] = []
        self._blocking = 0

    @property
    def blocked(self) -> bool:
        return self._blocking > 0

    @property
    def open_tags(self) -> list[str]:
        return [tag for tag, _ in self._stack]

    def visit(self, token: Token) -> None:
        if token.kind == "start" and token.tag not in VOID_ELEMENTS:
            blocking = self._is_blocking(token)
            self._stack.append((token.tag, blocking))
            self._blocking += blocking
        elif token.kind == "end":
            # Close up to the matching open element; a stray end tag closes nothing.
            for depth in range(len(self._stack) - 1, -1, -1):
                if self._stack[depth][0] == token.tag:
                    for _, blocking in self._stack[depth:]:
                        self._blocking -= blocking
                    del self._stack[depth:]
                    break


def walk(html: str, is_blocking: Callable[[Token], bool]) -> Iterator[tuple[Token, bool]]:
    """Yield ``(token, blocked)`` for every token; ``blocked`` is the state *inside* which the token sits."""
    walker = Walker(is_blocking)
    for token in tokenize(html):
        if token.kind == "end":
            walker.visit(token)
            yield token, walker.blocked
        else:
            blocked = walker.blocked
            walker.visit(token)
            yield token, blocked


def text_content(html: str) -> str:
    """The text of a fragment (what a reader sees, scripts included), for tests and titles."""
    return "".join(t.text for t in tokenize(html) if t.kind == "text")
