"""Material's search entries of a page, remembered across `mkdocs serve` rebuilds.

Every rebuild, Material's search plugin parses every page's HTML again and segments its
Chinese text (``SearchIndex.add_entry_from_context``): about a second and a half of each
rebuild of the real site, for pages that did not change. ``EntryMemo`` wraps that method
of one build's index: a page whose inputs are the same as in an earlier build gets the
entries made then, copied; any other page is indexed by Material as before.

The inputs are everything the method reads — the page's URL, HTML, table of contents
(section ids -> anchors), title, tags and ``search`` settings — and the words jieba was
given, which change how Chinese is segmented (``use_words`` forgets everything when they
differ from the previous build's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kb.rebuild import digest, toc_signature


def page_key(page: Any) -> str:
    meta = page.meta or {}
    tags = meta.get("tags")
    return digest(
        page.url,
        page.content,
        toc_signature(page.toc or ()),  # the section ids Material looks up (an anchor's URL is its id)
        str(meta.get("title", page.title)),
        [str(tag) for tag in tags] if isinstance(tags, list) else None,
        repr(meta.get("search")),
    )


class EntryMemo:
    def __init__(self) -> None:
        self._entries: dict[str, list[dict]] = {}
        self._words: tuple[str, ...] | None = None
        self._used: set[str] = set()
        self.hits = 0

    def use_words(self, words: Iterable[str]) -> None:
        words = tuple(words)
        if words != self._words:
            self._entries.clear()
            self._words = words

    def start(self) -> None:
        """A new build: nothing used yet (``forget_unused`` then drops what this build did not use)."""
        self._used = set()
        self.hits = 0

    def wrap(self, index: Any) -> None:
        """Route ``index.add_entry_from_context`` (one build's Material SearchIndex) through the memo."""
        original = index.add_entry_from_context
        self.start()

        def add_entry_from_context(page: Any) -> None:
            self.add(index, original, page)

        index.add_entry_from_context = add_entry_from_context

    def add(self, index: Any, original: Callable[[Any], None], page: Any) -> None:
        key = page_key(page)
        self._used.add(key)
        found = self._entries.get(key)
        if found is None:
            before = len(index.entries)
            original(page)
            self._entries[key] = [_copy(entry) for entry in index.entries[before:]]
        else:
            self.hits += 1
            index.entries.extend(_copy(entry) for entry in found)

    def forget_unused(self) -> None:
        """Drop what no page of this build used (deleted or edited pages), so memory stays bounded."""
        for key in [k for k in self._entries if k not in self._used]:
            del self._entries[key]


def _copy(entry: dict) -> dict:
    return {k: list(v) if isinstance(v, list) else v for k, v in entry.items()}
