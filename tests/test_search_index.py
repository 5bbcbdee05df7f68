"""Search, Python side: glossary words for jieba, the index rewrite, the hook's handlers, the benchmark's ranking.

Pure functions are checked with tables and Hypothesis properties; the handlers
with an in-memory config and site directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kb.frontmatter import Term
from kb.search import (
    LISTING_BOOST,
    QUIZ_BOOST,
    JiebaWords,
    SearchIndexError,
    alias_text,
    check_index,
    han_runs,
    rewrite_index,
    user_words,
    version_of,
)
from kb.searchindexer import SearchIndexer
from kb.searchshards import read_documents
from mkdocs.exceptions import PluginError

from bench.search import Query, rank_of, ranked_links, stock_config, target_of


def term(name, *aliases, anchor="a"):
    return Term(name=name, summary="说明。", aliases=tuple(aliases), anchor=anchor)


# ---------------------------------------------------------------------------
# Glossary words for jieba


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("时钟回拨", ["时钟回拨"]),
        ("API 网关", ["网关"]),
        ("pod亲和性与反亲和性", ["亲和性与反亲和性"]),
        ("Docker Compose", []),
        ("雪花算法（Snowflake）", ["雪花算法"]),
    ],
)
def test_han_runs(text, runs):
    assert han_runs(text) == runs


def test_user_words_take_han_runs_of_names_and_aliases():
    terms = [
        term("时钟回拨", "clock rollback", "时间回拨"),
        term("API 网关", "API Gateway"),
        term("幂等性", "幂等"),
        term("Pod", "容器组"),
        term("锁"),  # one character: not a word for jieba
    ]
    assert user_words(terms) == sorted({"时钟回拨", "时间回拨", "网关", "幂等性", "幂等", "容器组"})


def test_user_words_are_unique_and_sorted():
    assert user_words([term("幂等性"), term("幂等性", "幂等性")]) == ["幂等性"]


def test_jieba_words_keep_domain_terms_whole_and_are_taken_out_again():
    tokenizer = jieba.Tokenizer()
    words = JiebaWords(tokenizer)
    before = list(tokenizer.cut("幂等性检查"))
    assert "幂等性" not in before  # jieba's own dictionary splits it (stock failure 5)
    words.add(["幂等性"])
    assert "幂等性" in list(tokenizer.cut("幂等性检查"))
    assert words.words == ["幂等性"]
    words.restore()
    assert list(tokenizer.cut("幂等性检查")) == before
    assert words.words == []


def test_jieba_words_restore_a_word_jieba_already_knew():
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    known = tokenizer.FREQ["数据库"]
    total = tokenizer.total
    words = JiebaWords(tokenizer)
    words.add(["数据库"])
    words.restore()
    assert tokenizer.FREQ["数据库"] == known
    assert tokenizer.total == total


# ---------------------------------------------------------------------------
# Index rewrite

INDEX = {
    "config": {"lang": ["zh", "en"], "separator": "[\\s\\u200b\\-]+", "pipeline": ["stemmer"], "fields": {}},
    "docs": [
        {"location": "", "title": "首页", "text": "<p>欢迎</p>"},
        {"location": "docker/", "title": "Docker 与容器", "text": "<p>列表</p>"},
        {"location": "docker/#本分类的页面", "title": "本分类的页面", "text": "<ul><li>镜像</li></ul>"},
        {"location": "docker/images/", "title": "镜像", "text": ""},
        {"location": "docker/images/#pull-policy", "title": "镜像\u200b拉取\u200b策略", "text": "<p>Always</p>"},
        {"location": "docker/images/#backlinks", "title": "引用本页的页面", "text": "<ul><li>首页</li></ul>"},
    ],
}


def test_rewrite_writes_utf8_without_escapes():
    raw = json.dumps(INDEX)  # Material writes \\uXXXX escapes (stock failure 6)
    assert "\\u955c" in raw
    out = rewrite_index(raw)
    assert "\\u" not in out.replace("\\\\u", "")  # only the separator's literal backslash-u remains
    assert "镜像\u200b拉取\u200b策略" in out
    assert json.loads(out) == INDEX
    assert len(out.encode("utf-8")) < len(raw.encode("utf-8"))


def test_rewrite_weights_listing_pages_down_and_drops_backlinks():
    data = json.loads(rewrite_index(json.dumps(INDEX), listings=["docker/"], drop_anchors=["backlinks"]))
    boosts = {doc["location"]: doc.get("boost") for doc in data["docs"]}
    assert boosts["docker/"] == LISTING_BOOST
    assert boosts["docker/#本分类的页面"] == LISTING_BOOST
    assert boosts["docker/images/"] is None
    assert "docker/images/#backlinks" not in boosts
    assert data["config"] == INDEX["config"]


def test_rewrite_ranks_self_test_sections_below_explanations():
    index = {"config": {}, "docs": [
        {"location": "k/p/", "title": "P", "text": ""},
        {"location": "k/p/#pull", "title": "拉取", "text": ""},
        {"location": "k/p/#quiz", "title": "自测题", "text": ""},
        {"location": "k/#quiz", "title": "自测题", "text": ""},
    ]}
    data = json.loads(rewrite_index(json.dumps(index), listings=["k/"], quiz_anchors=["quiz"]))
    boosts = {doc["location"]: doc.get("boost") for doc in data["docs"]}
    assert boosts == {"k/p/": None, "k/p/#pull": None, "k/p/#quiz": QUIZ_BOOST, "k/#quiz": LISTING_BOOST}
    assert QUIZ_BOOST < 1


def test_rewrite_keeps_a_boost_the_page_sets():
    index = {"config": {}, "docs": [{"location": "a/", "title": "A", "text": "", "boost": 2}]}
    assert json.loads(rewrite_index(json.dumps(index), listings=["a/"]))["docs"][0]["boost"] == 2


def test_rewrite_appends_term_names_to_the_defining_section():
    aliases = alias_text([("docker/images/", [term("镜像拉取策略", "imagePullPolicy", anchor="pull-policy")])])
    assert aliases == {"docker/images/#pull-policy": "<p>别名：镜像拉取策略、imagePullPolicy</p>"}
    data = json.loads(rewrite_index(json.dumps(INDEX), aliases=aliases))
    doc = next(d for d in data["docs"] if d["location"] == "docker/images/#pull-policy")
    assert doc["text"] == "<p>Always</p> <p>别名：镜像拉取策略、imagePullPolicy</p>"


def test_alias_text_escapes_markup():
    assert alias_text([("p/", [term("a<b>", "x&y")])]) == {"p/#a": "<p>别名：a&lt;b&gt;、x&amp;y</p>"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a JSON object"),
        ({"docs": []}, "'config'"),
        ({"config": {}, "docs": {}}, "'docs'"),
        ({"config": {}, "docs": ["x"]}, "docs[0] is not an object"),
        ({"config": {}, "docs": [{"location": "", "title": "t"}]}, "docs[0].text"),
    ],
)
def test_check_index_names_the_problem(data, message):
    with pytest.raises(SearchIndexError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_index(data)


def test_rewrite_rejects_broken_json():
    with pytest.raises(SearchIndexError, match="not valid JSON"):
        rewrite_index("{")


docs_strategy = st.lists(
    st.fixed_dictionaries(
        {"location": st.text(max_size=20), "title": st.text(max_size=30), "text": st.text(max_size=200)}
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(docs=docs_strategy)
def test_rewrite_keeps_every_value(docs):
    index = {"config": {"lang": ["zh"]}, "docs": docs}
    out = rewrite_index(json.dumps(index))
    assert json.loads(out) == index
    assert "\n" not in out


def test_version_changes_with_content():
    assert version_of(b"a") != version_of(b"b")
    assert len(version_of(b"a")) == 10


# ---------------------------------------------------------------------------
# Hook handlers


@pytest.fixture
def search_hook():
    import search  # hooks/search.py

    saved = list(search._indexer)
    search._indexer[:] = [SearchIndexer()]  # in this process: the child's side has tests of its own
    yield search
    search._indexer[0].begin({"lang": ["zh"], "separator": " ", "pipeline": [], "fields": {}}, False)
    search._indexer[:] = saved
    search._state.clear()


def material_search(config):
    """Material's search plugin, configured as mkdocs.yml does, after its on_config."""
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    plugin = SearchPlugin()
    errors, _ = plugin.load_config({"lang": ["zh", "en"], "separator": r"[\s\u200b\-]+", "pipeline": []})
    assert not errors
    config.plugins["material/search"] = plugin
    plugin.search_index = SearchIndex(**plugin.config)  # what its on_config does, without a theme to translate
    return plugin


def test_on_config_routes_materials_page_indexing_to_ours_and_versions_the_worker(search_hook, tmp_path):
    from kbpages import make_config

    config = make_config(tmp_path)
    plugin = material_search(config)
    search_hook._state["listings"] = ["stale/"]
    search_hook.on_config(config)
    assert list(search_hook._state) == ["indexing"]
    assert plugin.search_index.add_entry_from_context is search_hook.index_page
    assert len(config.extra["kb_search_version"]) == 10


def test_a_build_through_the_hook_keeps_glossary_words_whole_and_takes_them_out_after(search_hook, tmp_path):
    from kbpages import add_page, make_config
    from mkdocs.structure.files import File, Files

    config = make_config(tmp_path, categories=("docker",))
    plugin = material_search(config)
    files = Files([])
    add_page(config, files, "docker/index.md", "<p>列表</p>")
    page = add_page(config, files, "docker/images.md", '<h2 id="pull">镜像拉取策略</h2><p>镜像拉取策略决定何时拉取。</p>',
                    terms={"镜像拉取策略": {"summary": "拉取镜像的策略。", "aliases": ["imagePullPolicy"],
                                        "anchor": "pull"}})
    files.append(File.generated(config, "glossary.md", content="# 术语表"))
    search_hook.on_config(config)
    search_hook.on_env(None, config, files)
    assert search_hook._state["words"] == ["镜像拉取策略"]
    assert sorted(search_hook._state["listings"]) == sorted({"docker/", "glossary/", *search_hook.SITE_PAGES})
    assert search_hook._state["aliases"] == {"docker/images/#pull": "<p>别名：镜像拉取策略、imagePullPolicy</p>"}
    search_hook.on_page_content(page.content, page, config, files)
    plugin.on_page_context({}, page=page, config=config, nav=None)
    plugin.on_post_build(config=config)
    search_hook.on_post_build(config)
    search = Path(config.site_dir) / "search"
    assert json.loads((search / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    manifest = json.loads((search / "kb" / "m.json").read_text(encoding="utf-8"))
    assert "镜像拉取策略" in manifest["han"]  # one word: jieba alone cuts it in three
    docs = read_documents(search)
    assert [d["location"] for d in docs] == ["docker/images/", "docker/images/#pull"]
    assert docs[1]["hidden"] == "别名：镜像拉取策略、imagePullPolicy"  # matched, not shown
    search_hook.on_config(config)  # the next build (serve) starts clean
    assert search_hook._state == {"indexing": search_hook._state["indexing"]}
    assert "镜像拉取策略" not in list(jieba.cut("镜像拉取策略"))


def test_on_post_build_names_the_file_on_a_broken_index(search_hook, tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    search_hook._state["indexing"] = {}
    with pytest.raises(PluginError, match=r"^search/search_index.json: not Material's search index"):
        search_hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))


def test_on_post_build_without_search_does_nothing(search_hook, tmp_path):
    search_hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert not (tmp_path / "search").exists()


def test_on_post_build_runs_between_material_search_and_offline(search_hook):
    assert search_hook.on_post_build.mkdocs_priority == -50


# ---------------------------------------------------------------------------
# Benchmark: what counts as a result, and where


BASE = "http://127.0.0.1:8000/"


def test_target_of_drops_the_highlight_query_and_decodes_the_anchor():
    assert target_of(BASE + "linux/top/?h=top#keys", BASE) == "linux/top/#keys"
    assert target_of(BASE + "x/?h=a#%E5%88%86%E7%B1%BB", BASE) == "x/#分类"


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        # page header scored below its section: only a heading, the section is the result
        ([[(BASE + "a/", 3.0), (BASE + "a/#s", 9.0)]], ["a/#s"]),
        # header added only to group sections (score 0)
        ([[(BASE + "a/", 0.0), (BASE + "a/#s", 9.0), (BASE + "a/#t", 2.0)]], ["a/#s", "a/#t"]),
        # header is the best match of its group: it is a result, first
        ([[(BASE + "a/", 9.0), (BASE + "a/#s", 2.0)], [(BASE + "b/", 0.0), (BASE + "b/#x", 5.0)]],
         ["a/", "a/#s", "b/#x"]),
    ],
)
def test_ranked_links_follow_materials_rendering(groups, expected):
    assert ranked_links(groups, BASE) == expected


@pytest.mark.parametrize(
    ("expect", "targets", "rank"),
    [
        ("a/#s", ["b/", "a/", "a/#s"], 3),
        ("a/", ["b/", "a/#s"], 2),  # a page-level answer: any section of the page counts
        ("a/#s", ["a/", "a/#t"], None),
    ],
)
def test_rank_of(expect, targets, rank):
    assert rank_of(expect, targets) == rank


def test_group_table_counts_per_category():
    from bench.search import EngineResult, group_table

    queries = [Query("a", "x/", "linux"), Query("b", "y/", "linux"), Query("c", "z/", "docker")]
    out = group_table([EngineResult("ours", ranks=[1, 3, None])], queries)
    assert out.splitlines()[2:] == ["| docker | 1 | 0% / 0% |", "| linux | 2 | 50% / 100% |"]


def test_stock_config_drops_only_our_hook_and_overrides(tmp_path):
    import yaml

    config = yaml.safe_load(stock_config(tmp_path).read_text(encoding="utf-8"))
    assert not any(h.endswith("hooks/search.py") for h in config["hooks"])
    assert any(h.endswith("hooks/frontmatter.py") for h in config["hooks"])
    assert config["theme"]["custom_dir"].endswith("empty-overrides")
    assert not any((tmp_path / "empty-overrides").iterdir())


def test_query_set_covers_every_category_with_at_least_80_queries():
    from bench.search import ROOT, load_queries

    queries = load_queries(ROOT / "bench" / "queries.yaml")
    assert len(queries) >= 80
    assert {q.category for q in queries} >= {
        "system-design", "distributed", "security", "middleware", "databases",
        "devops", "docker", "kubernetes", "linux", "networking",
    }
    assert all(" " not in q.q for q in queries)  # typed without spaces
    assert all(isinstance(q, Query) and q.expect.split("#")[0].endswith("/") for q in queries)


def test_segment_memo_reuses_cuts_until_the_words_change():
    from kb.search import SegmentMemo

    calls = []

    def cut(text, *args, **kwargs):
        calls.append((text, args))
        return iter(text.split("|"))

    memo = SegmentMemo(cut)
    memo.use_words(["时钟回拨"])
    assert memo.cut("时钟|回拨") == ["时钟", "回拨"]
    assert memo.cut("时钟|回拨") == ["时钟", "回拨"]
    assert len(calls) == 1
    memo.use_words(["时钟回拨"])  # same words: the memo stays
    memo.cut("时钟|回拨")
    assert len(calls) == 1
    memo.use_words(["雪花算法"])  # other words cut differently: start over
    memo.cut("时钟|回拨")
    assert len(calls) == 2
    assert list(memo.cut("a|b", HMM=False)) == ["a", "b"] and calls[-1] == ("a|b", ())  # options pass through
