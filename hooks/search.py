"""Hook: Chinese full-text search under Material's search UI (issue 8).

on_startup     note whether this is `mkdocs serve`
on_config      take last build's glossary words out of jieba; version the worker URL; under
               serve, let kb.searchmemo reuse Material's entries of unchanged pages
on_env         glossary terms -> jieba user dictionary, before Material indexes pages
               (its segmentation memoized across `mkdocs serve` rebuilds);
               remember listing pages and each term's names for the index
on_post_build  rewrite search/search_index.json as UTF-8 (no \\uXXXX escapes),
               listing pages weighted down, backlinks left out, term aliases
               added to the section that defines the term; then split it into
               shards in search/kb/ (kb.searchshards), the manifest the engine
               starts from among them (m.json), and leave in search_index.json
               only its name and build

The engine itself is web/search/ (ES modules), bundled by hooks/bundle.py into
assets/javascripts/search.js, which overrides/main.html puts in place of
Material's search worker.
"""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import yaml
from kb.bundle import version as engine_version
from kb.search import (
    JiebaWords,
    SearchIndexError,
    SegmentMemo,
    alias_text,
    correction_texts,
    load_colloquial,
    missing_words,
    rewrite_docs,
    user_words,
)
from kb.searchmemo import EntryMemo
from kb.searchshards import write_shards
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
_jieba = JiebaWords(jieba.dt)  # jieba's dictionary outlives builds under `mkdocs serve`
# Material's search plugin calls `jieba.cut` for every Han run of every page on every build;
# under `mkdocs serve` the memo makes the pages that did not change cost nothing to segment.
_segments = SegmentMemo(jieba.dt.cut)
jieba.cut = _segments.cut
# ...and its parse of every page: entries of pages that did not change are reused (kb.searchmemo).
_entries = EntryMemo()
_serving: list[bool] = []  # under `mkdocs serve` (on_startup): only then is remembering worth its memory


def on_startup(command, dirty):
    _serving[:] = [command == "serve"]


def on_config(config):
    _state.clear()  # serve keeps this module between rebuilds
    _jieba.restore()
    # The memos are checked against this build's words in on_env, before Material segments
    # text: emptying them here would throw away every rebuild's cuts (same words, same cuts).
    _segments.suspend()
    plugin = config.plugins.get("material/search") if _serving and _serving[0] else None
    if plugin is not None and getattr(plugin, "search_index", None) is not None:
        _entries.wrap(plugin.search_index)
    try:
        config.extra["kb_search_version"] = engine_version(ENGINE)
    except OSError as exc:
        raise PluginError(f"{ENGINE}: cannot read the search engine: {exc}") from None
    return config


def on_env(env, config, files):
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    terms = [term for page in pages for term in page.meta.get("_terms", ())]
    words = user_words(terms)
    _jieba.add(words)
    _segments.use_words(words)
    _entries.use_words(words)
    _state["words"] = words
    listings = [files.get_file_from_path(f"{slug}/index.md") for slug in config.extra.get("categories", [])]
    listings += [f for f in files.documentation_pages() if f.generated_by is not None]
    _state["listings"] = sorted({f.url for f in listings if f is not None} | set(SITE_PAGES))
    _state["aliases"] = alias_text((page.url, page.meta.get("_terms", ())) for page in pages)
    _state["colloquial"] = read_colloquial(Path(config.docs_dir) / SYNONYMS)
    log.debug(f"jieba user dictionary: {len(words)} glossary words")
    return env


def read_colloquial(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        return {}
    try:
        return load_colloquial(yaml.safe_load(path.read_text(encoding="utf-8")), SYNONYMS)
    except (yaml.YAMLError, SearchIndexError) as exc:
        raise PluginError(f"{SYNONYMS}: {exc}") from None


def on_page_content(html, page, config, files):
    _state.setdefault("corrections", {})[page.url] = correction_texts(html)
    return html


# After Material's search plugin writes the index (priority 0), before the
# offline plugin copies it into search_index.js (priority -100).
@event_priority(-50)
def on_post_build(config):
    _entries.forget_unused()
    path = Path(config.site_dir) / INDEX
    if not path.is_file():
        return  # search disabled
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rewrite_docs(data, _state.get("listings", ()), DROP_ANCHORS, _state.get("aliases"), quiz_anchors=QUIZ_ANCHORS)
    except json.JSONDecodeError as exc:
        raise PluginError(f"{INDEX}: not valid JSON: {exc}") from None
    except SearchIndexError as exc:
        raise PluginError(f"{INDEX}: {exc}") from None
    colloquial = _state.get("colloquial") or {}
    for word in missing_words(colloquial, (f"{d['title']} {d['text']}" for d in data["docs"])):
        log.warning(f"{SYNONYMS}: 「{word}」 is on no page: readers' names for it would find nothing")
    path.write_text(write_shards(data, path.parent / "kb", _state.get("corrections"), colloquial), encoding="utf-8")
