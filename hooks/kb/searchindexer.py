"""The search index of one build, made from what the build hands over page by page.

Everything the search hook did with jieba and Material's ``SearchIndex`` lives here, so
that it can run in a second process beside the build (``kb.searchprocess``) or, the same
code, in the build's own process. A build calls, in this order (hooks/search.py):

``begin``          Material's search settings; whether this is `mkdocs serve` (then entries,
                   index terms, jieba's cuts and shards of unchanged pages are kept)
``guess_words``    (on_files) the glossary's words as the pages' front matter gives them
``segment_ahead``  (on_page_content) each page's Chinese cut with those words, into the memo
``words``          (on_env) the build's words — the cuts made ahead stay only if they are the
                   same — and how entries are rewritten (``Rewrite``)
``prepare``        (on_env, after the hooks that change every page) every page's entries,
                   rewritten and cut into index terms; under serve, the shards at once
``update``         (first on_page_context) the pages later hooks changed (the generated ones)
``settle``         (same moment) the page order: the shards are made now, or the early ones kept
``same``/``page``  (each on_page_context) the page is as prepared / here it is as rendered
``finish``         (on_post_build) write ``search/kb/``; return ``search_index.json``'s text
                   and the synonym-file words no page contains

Every guess is checked where the build knows better, and a wrong one only costs the time
it saved: the shards are made again from what the build really indexed.

Entries are made by Material's own ``SearchIndex.add_entry_from_context``, so the index
is the one Material would have written; only where and when it runs changed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.frontmatter import ContractError, decode_source, parse_terms
from kb.search import (
    JiebaWords,
    SegmentMemo,
    check_index,
    han_runs,
    missing_words,
    rewrite_docs,
    segment_runs,
    user_words,
)
from kb.searchmemo import EntryMemo
from kb.searchshards import DocTerms, Shards, doc_terms, shard_index, write_shard_files


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

    def runs(self) -> list[str]:
        """The Han runs Material's indexer will segment, as near as ``kb.search.segment_runs`` knows:
        the page's title too, which it gives a section without a heading."""
        return segment_runs(self.content) + han_runs(str(self.meta.get("title", self.title)))

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


def front_matter_words(paths: list[str]) -> list[str]:
    """The glossary's jieba words as read straight from the pages' front matter (a guess: see ``segment_ahead``).

    A page that cannot be read or whose front matter is wrong is skipped: the build reports it,
    and the guess then differs from the words the build sends, which only costs the cuts made ahead.
    """
    import yaml
    from mkdocs.utils.meta import get_data

    terms = []
    for path in paths:
        try:
            _, meta = get_data(decode_source(Path(path).read_bytes()))
            terms += parse_terms(meta.get("terms"))
        except (OSError, ContractError, yaml.YAMLError, AttributeError):
            continue
    return user_words(terms)


class SearchIndexer:
    """One process's indexer: a build at a time, from ``begin`` to ``finish``."""

    def __init__(self) -> None:
        import jieba  # here, not at import: only the process that segments pays for its dictionary

        self._jieba_module = jieba
        self._jieba = JiebaWords(jieba.dt)
        # Material's indexer calls `jieba.cut` for every Han run of every page; the memo makes runs
        # seen before (cut ahead, earlier in this build, in the last build under serve) cost nothing.
        self._segments = SegmentMemo(jieba.dt.cut)
        jieba.cut = self._segments.cut
        self._words: tuple[str, ...] | None = None  # the words jieba has now
        self._entries = EntryMemo()
        self._terms = TermsMemo()
        self._shards: Shards | None = None  # the last build's, under serve
        self._new_index: Any = None  # Material's SearchIndex with this build's settings, one per page
        self._serving = False
        self._rewrite = Rewrite()
        self._docs: list[dict[str, Any]] = []
        self._ahead = False  # cutting ahead with guessed words (guess_words .. words)
        self._cut_before: set[str] = set()  # pages' HTML segmented ahead in the last build (serve)
        self._cut_now: set[str] = set()  # ... and in this one
        self._cut_words: tuple[str, ...] | None = None  # the words they were cut with
        self._prepared: dict[str, list[dict[str, Any]]] = {}  # page URL -> its rewritten entries (prepare)
        self._settled: tuple[list, Shards, list[str]] | None = None  # docs, shards, missing words (settle)
        self._guessed: tuple[list, Shards, list[str]] | None = None  # the same, made early under serve (prepare)
        self._updates: dict[str, tuple[PageForIndex, list[dict[str, Any]]]] = {}  # this build's (update)
        self._last_updates: dict[str, tuple[PageForIndex, list[dict[str, Any]]]] = {}  # the last build's
        self._last_order: list[str] = []  # the last build's pages in the order they were indexed
        self._last_inputs: tuple | None = None  # the last build's words and rewrite

    def close(self) -> None:
        """Nothing to let go of here (``IndexerProcess.close`` ends the process)."""

    def preload(self) -> None:
        """Load jieba's dictionary (about 0.7 s) and pypinyin (0.3 s: the shards' pinyin table) while the
        build is still converting Markdown, not when the build waits for the index."""
        self._jieba.tokenizer.check_initialized()
        import pypinyin.pinyin_dict  # noqa: F401

    def begin(self, settings: dict[str, Any], serving: bool) -> None:
        from material.plugins.search.plugin import SearchIndex

        self._jieba.restore()  # last build's glossary words out of jieba
        self._words = None
        self._segments.suspend()
        jieba = self._jieba_module
        if settings.get("jieba_dict") and Path(settings["jieba_dict"]).is_file():
            jieba.set_dictionary(settings["jieba_dict"])  # Material does this in its on_config
        if settings.get("jieba_dict_user") and Path(settings["jieba_dict_user"]).is_file():
            jieba.load_userdict(settings["jieba_dict_user"])
        self._new_index = functools.partial(SearchIndex, **settings)
        self._serving = serving
        self._rewrite = Rewrite()
        self._docs = []
        self._ahead = False
        self._cut_before, self._cut_now = (self._cut_now if serving else set()), set()
        self._prepared = {}
        self._settled = self._guessed = None
        self._updates = {}
        if not serving:  # a build remembers nothing for the next one
            self._entries, self._terms, self._shards = EntryMemo(), TermsMemo(), None
            self._last_updates, self._last_order, self._last_inputs = {}, [], None
        self._entries.start()

    def _use_words(self, words: list[str] | tuple[str, ...]) -> None:
        """Give jieba these words, if it has other ones (the memos then forget what was cut with those)."""
        words = tuple(words)
        if words != self._words:
            self._jieba.restore()
            self._jieba.add(words)
            self._words = words
        self._segments.use_words(words)
        self._entries.use_words(words)

    def guess_words(self, paths: list[str]) -> None:
        """Cut pages ahead with the words the pages' front matter gives (`paths`: the pages' sources)."""
        self._use_words(front_matter_words(paths))
        self._ahead = True
        if self._cut_words != self._words:
            self._cut_before = set()  # the memo was emptied for other words
        self._cut_words = self._words

    def segment_ahead(self, page: PageForIndex) -> None:
        """Segment a page's text as it stands after ``on_page_content``, while the build converts the rest.

        Only jieba's cuts are kept (in the memo): hooks change pages in ``on_env``, and the
        entries are made from the HTML that comes then. Cuts made with words other than the
        build's are thrown away when ``words`` brings the build's.
        """
        if not self._ahead:
            return
        self._cut_now.add(page.content)
        if page.content in self._cut_before and self._cut_words == self._words:
            return  # under serve, a page that did not change since the last build: its runs are in the memo
        cut = self._segments.cut
        for run in dict.fromkeys(page.runs()):
            cut(run.encode("utf-8"))  # as Material's indexer calls it

    def words(self, words: list[str], rewrite: Rewrite | None = None) -> None:
        """The build's glossary words (into jieba) and the rewrite of entries."""
        self._ahead = False
        self._use_words(words)
        self._rewrite = rewrite or Rewrite()

    def prepare(self, pages: list[PageForIndex], last: bool = True) -> None:
        """Index pages as they stand in ``on_env``; Material's ``on_page_context`` then only confirms them.

        They come in batches (one message for ten thousand pages would be a copy of them all at
        once), `last` with the last. Under serve, the pages that later hooks changed in the last
        build (the generated ones) are then taken as they were then, and the shards made at once:
        a save rarely changes those pages, and ``settle`` checks that it did not.
        """
        for page in pages:
            self._prepared[page.url] = self._index_alone(page)
        if last and self._serving and self._last_order and self._last_inputs == (self._words, self._rewrite):
            guess = dict(self._prepared)
            guess.update({url: docs for url, (_, docs) in self._last_updates.items() if url in guess})
            self._guessed = self._shards_of([doc for url in self._last_order for doc in guess.get(url, ())])

    def update(self, page: PageForIndex) -> None:
        """A prepared page as a later hook left it."""
        last = self._last_updates.get(page.url)
        if last is not None and last[0] == page and self._last_inputs == (self._words, self._rewrite):
            docs = last[1]  # indexed with the same words and rewritten the same way
        else:
            docs = self._index_alone(page)
        self._prepared[page.url] = docs
        self._updates[page.url] = (page, docs)

    def _index_alone(self, page: PageForIndex) -> list[dict[str, Any]]:
        index = self._new_index()
        if self._serving:
            self._entries.add(index, index.add_entry_from_context, page)
        else:
            index.add_entry_from_context(page)
        return self._rewritten(index.entries)

    def settle(self, order: list[str]) -> None:
        """Every page is prepared as it will be indexed, in this order: make the shards now, not in ``finish``."""
        docs = [doc for url in order for doc in self._prepared.get(url, ())]
        guessed, self._guessed = self._guessed, None
        self._settled = self._shards_for(docs, guessed)
        if self._serving:
            self._last_order, self._last_updates = list(order), self._updates
            self._last_inputs = (self._words, self._rewrite)

    def _shards_for(self, docs: list[dict[str, Any]], made: tuple | None) -> tuple[list, Shards, list[str]]:
        """`made` (shards made earlier, with their documents) if made for these documents, else new ones."""
        return made if made is not None and made[0] == docs else self._shards_of(docs)

    def _shards_of(self, docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Shards, list[str]]:
        rw = self._rewrite
        missing = missing_words(rw.colloquial, (f"{d['title']} {d['text']}" for d in docs))
        shards = shard_index({"config": {}, "docs": docs}, rw.corrections, rw.colloquial, self._terms, self._shards)
        return docs, shards, missing

    def same(self, url: str) -> None:
        """The page as prepared is the page Material indexes now."""
        self._docs += self._prepared[url]

    def _rewritten(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rw = self._rewrite
        new = {"config": {}, "docs": entries}
        rewrite_docs(new, rw.listings, rw.drop_anchors, rw.aliases, quiz_anchors=rw.quiz_anchors)
        for doc in new["docs"]:
            self._terms(doc, rw.corrections.get(doc["location"].partition("#")[0], ()))
        return new["docs"]

    def page(self, page: PageForIndex) -> None:
        """The page as Material indexes it now, when it is not the page prepared."""
        self._docs += self._index_alone(page)

    def finish(self, config: dict[str, Any], folder: str, scripts: bool = True) -> tuple[str, list[str]]:
        """Write the shards into `folder`; return (search_index.json's text, synonym words on no page).

        `config`: the "config" of Material's search_index.json; `scripts`: shards as ``.js`` too (the
        offline copy). Raises ``kb.search.SearchIndexError`` if the entries do not have Material's schema.
        """
        self._entries.forget_unused()
        data = {"config": config, "docs": self._docs}
        check_index(data)
        settled, self._settled = self._settled, None
        _, shards, missing = self._shards_for(self._docs, settled)
        stub = write_shard_files(shards, Path(folder), config, scripts)
        self._terms.forget_unused()
        self._shards = shards if self._serving else None
        return stub, missing
