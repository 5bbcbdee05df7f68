"""A lossless tokenizer for the HTML fragments MkDocs renders.

Flow: ``tokenize(html)`` runs the standard library's ``html.parser`` over the
fragment, records where every token starts, and returns the tokens in order
with their *raw* source text. Joining the ``raw`` of all tokens gives back the
input exactly, so a rewriter (term linking, question ids) can copy every token
it does not touch byte for byte and re-serialize only what it changes.

Adjacent text tokens are merged: ``html.parser`` splits text at a stray ``<``
and we want one run of text per gap between tags. ``Token.text`` is the
unescaped text (``&amp;`` -> ``&``); ``Token.clean`` says whether that text and
the raw source agree, i.e. whether re-escaping the text is a faithful rewrite.

``Walker`` keeps the stack of open elements so callers can ask "am I inside a
<code>, a heading, a link...?" without regexes over HTML.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

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


@dataclass(frozen=True)
class Token:
    kind: str  # "start", "end", "startend", "text" or "other" (comments, doctype, ...)
    raw: str
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""

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
        self.events.append((self.getpos(), kind, tag, tuple(attrs), text))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("startend", tag, attrs)

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


def tokenize(html: str) -> list[Token]:
    """The tokens of an HTML fragment, in order; ``"".join(t.raw for t in tokens) == html``."""
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
