"""The search indexer's own parts (kb.searchindexer): words guessed from front matter, cutting ahead."""

from __future__ import annotations

import sys
from pathlib import Path

import jieba
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb.search import user_words  # noqa: E402
from kb.searchindexer import PageForIndex, SearchIndexer, front_matter_words  # noqa: E402
from material.plugins.search.plugin import SearchIndex  # noqa: E402

SETTINGS = {"lang": ["zh", "en"], "separator": r"[\s\u200b\-]+", "pipeline": [], "fields": {}}
ROOT = Path(__file__).resolve().parent.parent


def material_runs(html: str) -> list[str]:
    """The Han runs Material's indexer hands jieba for this HTML (recorded from its calls)."""
    seen: list[str] = []
    original = jieba.cut

    def record(sentence, *args, **kwargs):
        seen.append(sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence)
        return original(sentence, *args, **kwargs)

    jieba.cut = record
    try:
        SearchIndex(**SETTINGS).add_entry_from_context(PageForIndex("x/", "标题", html, [], {}))
    finally:
        jieba.cut = original
    return seen


@pytest.mark.parametrize("html", [
    '<h1 id="t">时钟回拨</h1>\n<p>关系<strong>超级</strong>亲密的<a href="#">应用</a>放在一起。</p>',
    "<ul>\n<li>第一项<code>代码里的中文</code>之后</li>\n<li>第二项</li>\n</ul>",
    '<p>正文</p><script>var 脚本 = 1;</script><pre><code><span class="c1"># 注释里的中文</span></code></pre>',
])
def test_runs_cut_ahead_are_the_runs_material_cuts(html):
    assert set(material_runs(html)) <= set(PageForIndex("x/", "标题", html, [], {}).runs())


def test_runs_cut_ahead_cover_most_of_what_material_cuts_on_the_real_pages(site_dir):
    from kb.linkpolicy import article_of

    wanted = found = 0
    for path in sorted(site_dir.rglob("*.html"))[:40]:
        html = article_of(path.read_text(encoding="utf-8"))
        runs = set(PageForIndex("x/", "标题", html, [], {}).runs())
        expected = material_runs(html)
        wanted += len(expected)
        found += sum(run in runs for run in expected)
    assert wanted > 1000 and found / wanted > 0.95


def test_words_guessed_from_front_matter_are_the_glossary_words(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: 甲\nterms:\n  时钟回拨:\n    summary: 倒退。\n    aliases: [时间回拨, clock]\n"
                    "    anchor: x\n---\n\n正文\n", encoding="utf-8")
    broken = tmp_path / "b.md"
    broken.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert front_matter_words([str(page), str(broken), str(tmp_path / "gone.md")]) == sorted(["时钟回拨", "时间回拨"])


def test_cuts_made_ahead_are_kept_when_the_words_hold_and_dropped_when_they_differ(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: 甲\nterms:\n  时钟回拨:\n    summary: 倒退。\n    anchor: x\n---\n", encoding="utf-8")
    ahead = PageForIndex("a/", "甲", "<p>雪花算法遇到时钟回拨</p>", [], {})
    indexer = SearchIndexer()
    try:
        indexer.begin(SETTINGS, False)
        indexer.guess_words([str(page)])
        indexer.segment_ahead(ahead)
        key = "雪花算法遇到时钟回拨".encode()
        assert "时钟回拨" in indexer._segments._memo[key]
        indexer.words(user_words([]))  # the build's words differ: the cuts made ahead go
        assert key not in indexer._segments._memo
        assert "时钟回拨" not in list(jieba.cut("雪花算法遇到时钟回拨"))
    finally:
        indexer.begin(SETTINGS, False)


def serve_build(indexer, folder: Path, pages, generated) -> dict[str, str]:
    from conftest import hash_tree
    from kb.searchindexer import Rewrite

    indexer.begin(SETTINGS, True)
    indexer.words([], Rewrite())
    indexer.prepare([*pages, PageForIndex(generated.url, generated.title, "<p>占位</p>", [], {})])
    indexer.update(generated)  # as hooks/search.py sends it at the first page's on_page_context
    indexer.settle([p.url for p in pages] + [generated.url])
    for p in pages:
        indexer.same(p.url)
    indexer.same(generated.url)
    stub, _ = indexer.finish({"lang": ["zh"]}, str(folder / "kb"), False)
    (folder / "search_index.json").write_text(stub, encoding="utf-8")
    return hash_tree(folder)


def test_a_save_under_serve_makes_the_shards_once_early_and_as_a_clean_build_would(tmp_path, monkeypatch):
    a1, a2 = (PageForIndex("a/", "甲", f"<p>{text}</p>", [], {}) for text in ("初稿", "定稿"))
    index_page = PageForIndex("index/", "索引", "<ul><li>甲</li></ul>", [], {})
    served = SearchIndexer()
    made = []
    original = served._shards_of
    monkeypatch.setattr(served, "_shards_of", lambda docs: made.append(len(docs)) or original(docs))
    serve_build(served, tmp_path / "first", [a1], index_page)
    assert len(made) == 1  # the first build has nothing to guess from: made once, at settle
    second = serve_build(served, tmp_path / "second", [a2], index_page)
    assert len(made) == 2  # made once more, early in prepare; settle found the guess right
    changed = serve_build(served, tmp_path / "third", [a1], PageForIndex("index/", "索引", "<p>变了</p>", [], {}))
    assert len(made) == 4  # the generated page changed: the guess is made and thrown away
    clean = SearchIndexer()
    assert second == serve_build(clean, tmp_path / "clean2", [a2], index_page)
    clean = SearchIndexer()
    assert changed == serve_build(clean, tmp_path / "clean3", [a1], PageForIndex("index/", "索引", "<p>变了</p>", [], {}))
