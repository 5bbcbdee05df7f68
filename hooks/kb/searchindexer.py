"""The search index of one build, made from what the build hands over page by page.

Everything the search hook did with jieba and Material's ``SearchIndex`` lives here, so
that it can run in a second process beside the build (``kb.searchprocess``) or, the same
code, in the build's own process. A build calls, in this order:

``begin``   Material's search settings; whether this is `mkdocs serve` (then entries and
            jieba's cuts of unchanged pages are reused from the last build)
``words``   the glossary's words, added to jieba's dictionary before any page is segmented,
            and how entries are rewritten (``Rewrite``: all known once pages are converted)
``page``    each page as Material's indexer reads it (``PageForIndex``), when it is rendered:
            its entries are made, rewritten and cut into index terms right away, so that
            little is left for the end of the build
``finish``  the shards: writes ``search/kb/`` and returns the text of ``search_index.json``
            and the synonym-file words no page contains

Entries are made by Material's own ``SearchIndex.add_entry_from_context``, so the index
is the one Material would have written; only where and when it runs changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.search import JiebaWords, SegmentMemo, check_index, missing_words, rewrite_docs
from kb.searchmemo import EntryMemo
from kb.searchshards import DocTerms, Shards, doc_terms, write_shards


@dataclass
class Anchor:
    """A table-of-contents entry with what Material's indexer and the entry memo read."""

    id: str
    url: str
    title: str
    level: int
    children: list[Anchor] = field(default_factory=list)


@dataclass
class PageForIndex:
    """What ``SearchIndex.add_entry_from_context`` reads of a page, and nothing else (it is sent to another process)."""

    url: str
    title: str | None
    content: str
    toc: list[Anchor]
    meta: dict[str, Any]

    @classmethod
    def of(cls, page: Any) -> PageForIndex:
        meta = page.meta or {}
        return cls(
            url=page.url,
            title=page.title,
            content=page.content or "",
            toc=_anchors(page.toc or ()),
            meta={key: meta[key] for key in ("title", "tags", "search") if key in meta},
        )


def _anchors(items: Any) -> list[Anchor]:
    return [Anchor(i.id, i.url, i.title, i.level, _anchors(i.children)) for i in items]


@dataclass
class Rewrite:
    """How entries are rewritten (``kb.search.rewrite_docs``) and shown: known at ``on_env``, before any page."""

    listings: list[str] = field(default_factory=list)
    drop_anchors: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    quiz_anchors: tuple[str, ...] = ()
    corrections: dict[str, list[str]] = field(default_factory=dict)  # page URL -> its correction boxes' texts
    colloquial: dict[str, list[str]] = field(default_factory=dict)


class TermsMemo:
    """``doc_terms`` of documents seen before: in this build (cut as pages come) and, under serve, the last."""

    def __init__(self) -> None:
        self._found: dict[tuple, DocTerms] = {}
        self._used: set[tuple] = set()

    def __call__(self, doc: dict[str, Any], corrections: Any = ()) -> DocTerms:
        tags = doc.get("tags")
        key = (doc["location"], doc.get("title"), doc.get("text"), tuple(tags) if isinstance(tags, list) else tags,
               repr(doc.get("boost")), tuple(corrections))
        self._used.add(key)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = doc_terms(doc, corrections)
        return found

    def forget_unused(self) -> None:
        self._found = {k: v for k, v in self._found.items() if k in self._used}
        self._used = set()


class SearchIndexer:
    def __init__(self) -> None:
        import jieba  # here, not at import: only the process that segments pays for its dictionary

        self._jieba_module = jieba
        self._jieba = JiebaWords(jieba.dt)
        # Material's indexer calls `jieba.cut` for every Han run of every page; the memo makes runs
        # seen before (within a build, and across `mkdocs serve` rebuilds) cost nothing.
        self._segments = SegmentMemo(jieba.dt.cut)
        jieba.cut = self._segments.cut
        self._entries = EntryMemo()
        self._terms = TermsMemo()
        self._shards: Shards | None = None  # the last build's, under serve
        self._index: Any = None
        self._add: Any = None
        self._serving = False
        self._rewrite = Rewrite()
        self._docs: list[dict[str, Any]] = []

    def preload(self) -> None:
        """Load jieba's dictionary now (about 0.7 s), while the build is still converting Markdown."""
        self._jieba.tokenizer.check_initialized()

    def begin(self, settings: dict[str, Any], serving: bool) -> None:
        from material.plugins.search.plugin import SearchIndex

        self._jieba.restore()  # last build's glossary words out of jieba
        self._segments.suspend()
        jieba = self._jieba_module
        if settings.get("jieba_dict") and Path(settings["jieba_dict"]).is_file():
            jieba.set_dictionary(settings["jieba_dict"])  # Material does this in its on_config
        if settings.get("jieba_dict_user") and Path(settings["jieba_dict_user"]).is_file():
            jieba.load_userdict(settings["jieba_dict_user"])
        self._index = SearchIndex(**settings)
        self._add = self._index.add_entry_from_context
        self._serving = serving
        self._rewrite = Rewrite()
        self._docs = []
        if not serving:  # a build remembers nothing for the next one
            self._entries, self._terms, self._shards = EntryMemo(), TermsMemo(), None

    def words(self, words: list[str], rewrite: Rewrite | None = None) -> None:
        self._jieba.add(words)
        self._segments.use_words(words)
        self._entries.use_words(words)
        self._rewrite = rewrite or Rewrite()

    def page(self, page: PageForIndex) -> None:
        before = len(self._index.entries)
        if self._serving:
            self._entries.add(self._index, self._add, page)
        else:
            self._add(page)
        rw = self._rewrite
        new = {"config": {}, "docs": self._index.entries[before:]}
        rewrite_docs(new, rw.listings, rw.drop_anchors, rw.aliases, quiz_anchors=rw.quiz_anchors)
        for doc in new["docs"]:
            self._terms(doc, rw.corrections.get(doc["location"].partition("#")[0], ()))
        self._docs += new["docs"]

    def entries(self) -> list[dict[str, Any]]:
        return self._docs

    def finish(self, config: dict[str, Any], folder: str) -> tuple[str, list[str]]:
        """Write the shards into `folder`; return (search_index.json's text, synonym words on no page).

        `config`: the "config" of Material's search_index.json. Raises ``kb.search.SearchIndexError``
        if the entries do not have Material's schema.
        """
        self._entries.forget_unused()
        data = {"config": config, "docs": self._docs}
        check_index(data)
        rw = self._rewrite
        missing = missing_words(rw.colloquial, (f"{d['title']} {d['text']}" for d in data["docs"]))
        stub, shards = write_shards(data, Path(folder), rw.corrections, rw.colloquial, self._terms, self._shards)
        self._terms.forget_unused()
        self._shards = shards if self._serving else None
        return stub, missing
