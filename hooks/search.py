"""Hook: Chinese full-text search under Material's search UI (issue 8).

The index is made by kb.searchindexer — Material's own indexing of each page, jieba with
the glossary's words, the shards — in a second process beside the build (kb.searchprocess;
KB_SEARCH_PROCESS=0: in this one). This hook hands it what the build knows, when it knows it:

on_startup     note whether this is `mkdocs serve` (the indexer then reuses unchanged pages)
on_config      start the indexer's build with Material's search settings; route Material's
               per-page indexing to it; version the worker URL
on_files       the pages' sources: the indexer guesses the glossary's words from them
on_page_content  (last) the texts of correction boxes (kept out of result snippets); the page
               to the indexer, which segments its Chinese ahead while Markdown converts
on_env         (after the hooks that change every page) glossary terms -> jieba user dictionary;
               listing pages and each term's names for the index; every page to the indexer,
               which makes its entries — rewritten: listing pages weighted down, backlinks
               left out, term aliases added to the section that defines the term
on_page_context  (Material's, through index_page) the first sends the pages later hooks changed
               (the generated ones) and lets the indexer make the shards while templates
               render; each confirms its page is as sent, or sends it again
on_post_build  the indexer writes the shards into search/kb/ (kb.searchshards), the manifest
               the engine starts from among them (m.json); search_index.json keeps only its
               name and build
on_shutdown    end the indexing process

The engine itself is web/search/ (ES modules), bundled by hooks/bundle.py into
assets/javascripts/search.js, which overrides/main.html puts in place of
Material's search worker.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from kb.bundle import version as engine_version
from kb.search import SearchIndexError, alias_text, correction_texts, load_colloquial, user_words
from kb.searchindexer import PageForIndex, Rewrite, SearchIndexer
from kb.searchprocess import IndexerProcess, IndexerStopped
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

ENGINE = Path(__file__).resolve().parent.parent / "web" / "search"
INDEX = "search/search_index.json"
DROP_ANCHORS = ("backlinks", "related")  # the knowledge-graph blocks 「引用本页的页面」, 「相关页面」: other pages
QUIZ_ANCHORS = ("quiz",)  # the 「自测题」 sections (`## 自测题 {#quiz}`), ranked below the explanations
# Names readers use for the site's words, kept with the content (docs/about/synonyms.yml)
SYNONYMS = "about/synonyms.yml"
# Pages about the site or that list what other pages explain: ranked below the content pages.
SITE_PAGES = ("", "about/", "about/authoring/", "about/tags/", "tags/", "about/errata/", "glossary/",
              "interview/", "interview/practice/", "graph/")

_state: dict = {}
PREPARE_BATCH = 32  # pages per message to the indexer in on_env: it starts on the first while the rest are copied
# One indexer for the life of the process (under `mkdocs serve`, of every rebuild): jieba's dictionary
# and the memos of unchanged pages stay loaded. In a second process unless KB_SEARCH_PROCESS=0.
_indexer: list[SearchIndexer | IndexerProcess] = []
_serving: list[bool] = []  # under `mkdocs serve` (on_startup): only then is remembering worth its memory


def indexer() -> SearchIndexer | IndexerProcess:
    if not _indexer:
        _indexer.append(IndexerProcess() if os.environ.get("KB_SEARCH_PROCESS", "1") != "0" else SearchIndexer())
    return _indexer[0]


def on_startup(command, dirty):
    _serving[:] = [command == "serve"]


def on_shutdown():
    # The indexing process ends with the build (after `mkdocs serve`, with the server), not after it.
    if _indexer:
        _indexer[0].close()
        _indexer.clear()


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    plugin = config.plugins.get("material/search")
    if plugin is not None and getattr(plugin, "search_index", None) is not None and plugin.config.enabled:
        settings = dict(plugin.config)
        try:
            indexer().begin(settings, bool(_serving and _serving[0]))
        except IndexerStopped as exc:
            raise PluginError(f"search: {exc}") from None
        # Material's on_page_context hands each page to its index: the page goes to ours instead.
        plugin.search_index.add_entry_from_context = index_page
        _state["indexing"] = settings
    try:
        config.extra["kb_search_version"] = engine_version(ENGINE)
    except OSError as exc:
        raise PluginError(f"{ENGINE}: cannot read the search engine: {exc}") from None
    return config


def index_page(page) -> None:
    """Material's on_page_context indexes the page: it is the page prepared in on_env, or it is sent again."""
    prepared = _state.get("prepared", {})
    if "settled" not in _state:
        settle(prepared, _state.get("pages", {}))
    now = PageForIndex.of(page)
    if prepared.get(page.url) == now:
        indexer().same(page.url)
    else:
        indexer().page(now)


def settle(prepared: dict[str, PageForIndex], pages: dict) -> None:
    """On the first page's on_page_context every hook's on_env is done: send the pages changed since they were
    prepared (the generated ones), so the indexer makes the shards while the templates render."""
    _state["settled"] = True
    for url, page in pages.items():
        now = PageForIndex.of(page)
        if prepared.get(url) != now:
            indexer().update(now)
            prepared[url] = now
    indexer().settle(list(pages))


# 14: after the hooks that change every page in on_env — term links (30), backlinks (20), related
# pages (15) — and before those that write the generated pages (10 and below). The pages go to the
# indexer now, while the rest of on_env and the templates run; Material's on_page_context then
# only confirms each page, or sends again one a later hook changed (the generated ones).
@event_priority(14)
def on_env(env, config, files):
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    terms = [term for page in pages for term in page.meta.get("_terms", ())]
    words = user_words(terms)
    listings = [files.get_file_from_path(f"{slug}/index.md") for slug in config.extra.get("categories", [])]
    listings += [f for f in files.documentation_pages() if f.generated_by is not None]
    _state["words"] = words
    _state["listings"] = sorted({f.url for f in listings if f is not None} | set(SITE_PAGES))
    _state["aliases"] = alias_text((page.url, page.meta.get("_terms", ())) for page in pages)
    _state["colloquial"] = read_colloquial(Path(config.docs_dir) / SYNONYMS)
    if "indexing" in _state:
        rewrite = Rewrite(_state["listings"], DROP_ANCHORS, _state["aliases"], QUIZ_ANCHORS,
                          _state.get("corrections") or {}, _state["colloquial"])
        indexer().words(words, rewrite)
        prepared = {page.url: PageForIndex.of(page) for page in pages}
        ready = list(prepared.values())
        batches = [ready[i : i + PREPARE_BATCH] for i in range(0, len(ready), PREPARE_BATCH)] or [[]]
        for i, batch in enumerate(batches):
            indexer().prepare(batch, i == len(batches) - 1)
        _state["prepared"] = prepared
        _state["pages"] = {page.url: page for page in pages}
    log.debug(f"jieba user dictionary: {len(words)} glossary words")
    return env


def offline(config) -> bool:
    """Whether this is the offline copy (opened from file://, where the engine loads shards as scripts)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def read_colloquial(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        return {}
    try:
        return load_colloquial(yaml.safe_load(path.read_text(encoding="utf-8")), SYNONYMS)
    except (yaml.YAMLError, SearchIndexError) as exc:
        raise PluginError(f"{SYNONYMS}: {exc}") from None


def on_files(files, config):
    if "indexing" in _state:
        indexer().guess_words([f.abs_src_path for f in files.documentation_pages() if f.abs_src_path])
    return files


# Last (-100): the page's HTML as every other hook left it, for segmenting its Chinese ahead.
@event_priority(-100)
def on_page_content(html, page, config, files):
    _state.setdefault("corrections", {})[page.url] = correction_texts(html)
    if "indexing" in _state:
        ahead = PageForIndex.of(page)
        ahead.content = html
        indexer().segment_ahead(ahead)
    return html


# After Material's search plugin writes the index (priority 0), before the
# offline plugin copies it into search_index.js (priority -100).
@event_priority(-50)
def on_post_build(config):
    path = Path(config.site_dir) / INDEX
    if "indexing" not in _state or not path.is_file():
        return  # search disabled
    try:
        material = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PluginError(f"{INDEX}: not valid JSON: {exc}") from None
    if not isinstance(material, dict) or not isinstance(material.get("config"), dict):
        raise PluginError(f"{INDEX}: not Material's search index (no 'config' object)")
    try:
        stub, missing = indexer().finish(material["config"], str(path.parent / "kb"), offline(config))
    except SearchIndexError as exc:
        raise PluginError(f"{INDEX}: {exc}") from None
    except IndexerStopped as exc:
        raise PluginError(f"{INDEX}: {exc}") from None
    for word in missing:
        log.warning(f"{SYNONYMS}: 「{word}」 is on no page: readers' names for it would find nothing")
    path.write_text(stub, encoding="utf-8")
