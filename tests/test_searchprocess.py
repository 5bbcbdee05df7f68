"""The search indexer in a second process (kb.searchprocess): same index, errors reach the build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from conftest import hash_tree, page_md, run_build  # noqa: E402
from kb.searchindexer import Anchor, PageForIndex, Rewrite  # noqa: E402
from kb.searchprocess import IndexerProcess, IndexerStopped  # noqa: E402
from kb.searchshards import read_documents  # noqa: E402

SETTINGS = {"lang": ["zh", "en"], "separator": r"[\s\u200b\-]+", "pipeline": [], "fields": {}}
CONFIG = {"lang": ["zh", "en"], "separator": r"[\s\u200b\-]+", "pipeline": [], "fields": {}}


def page(url: str, text: str) -> PageForIndex:
    content = f'<h1 id="top">标题</h1>\n<p>{text}</p>\n<h2 id="more">更多</h2>\n<p>{text}之后</p>'
    toc = [Anchor("top", "#top", "标题", 1, [Anchor("more", "#more", "更多", 2)])]
    return PageForIndex(url=url, title="标题", content=content, toc=toc, meta={"tags": ["标签"]})


@pytest.fixture
def process():
    proc = IndexerProcess()
    yield proc
    proc.close()


def test_the_child_indexes_pages_with_the_words_it_was_given(process, tmp_path):
    process.begin(SETTINGS, False)
    process.words(["时钟回拨"], Rewrite(colloquial={"不存在的词": ["别名"]}))
    process.page(page("a/", "雪花算法遇到时钟回拨怎么办"))
    stub, missing = process.finish(CONFIG, str(tmp_path / "search" / "kb"))
    (tmp_path / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    docs = read_documents(tmp_path / "search")
    assert [d["location"] for d in docs] == ["a/", "a/#more"]
    assert "\u200b时钟回拨\u200b" in docs[0]["text"] and docs[0]["tags"] == ["标签"]
    assert missing == ["不存在的词"]


def test_a_failing_page_fails_the_build_and_the_next_build_starts_clean(process, tmp_path):
    process.begin(SETTINGS, False)
    broken = page("a/", "正文")
    broken.content = None  # Material's parser cannot read it
    process.page(broken)
    process.page(page("b/", "正文"))
    with pytest.raises(IndexerStopped, match="TypeError"):
        process.finish(CONFIG, str(tmp_path / "one"))
    process.begin(SETTINGS, False)
    process.page(page("b/", "正文"))
    stub, _ = process.finish(CONFIG, str(tmp_path / "two"))
    assert '"docs":[]' in stub and (tmp_path / "two" / "m.json").is_file()


def test_a_child_that_died_is_reported_then_started_again(process, tmp_path):
    process.begin(SETTINGS, False)
    process._child.kill()
    process._child.wait()
    with pytest.raises(IndexerStopped, match="stopped"):
        process.finish(CONFIG, str(tmp_path / "one"))
    process.begin(SETTINGS, False)
    process.page(page("b/", "正文"))
    process.finish(CONFIG, str(tmp_path / "two"))
    assert (tmp_path / "two" / "m.json").is_file()


def test_a_site_indexed_in_a_second_process_is_the_site_indexed_in_the_build(make_project, tmp_path):
    project = make_project({
        "index.md": page_md("首页", "欢迎。"),
        "a.md": page_md("雪花算法", "## 时钟回拨 {#clock}\n\n雪花算法遇到时钟回拨时拒绝发号。\n",
                        terms="\n  时钟回拨:\n    summary: 系统时间倒退。\n    anchor: clock"),
        "b.md": page_md("分布式锁", "用 `Redis` 的 `SET NX` 实现分布式锁，见[雪花算法](a.md)。\n"),
    })
    apart, inside = tmp_path / "apart", tmp_path / "inside"
    for site, mode in ((apart, "1"), (inside, "0")):
        result = run_build(project, site_dir=site, env={"KB_SEARCH_PROCESS": mode})
        assert result.returncode == 0, result.stderr
    assert hash_tree(apart / "search") == hash_tree(inside / "search")
    texts = " ".join(d["text"] for d in read_documents(apart / "search"))
    assert "时钟回拨" in texts and "SET NX" in texts


def test_a_page_changed_after_it_was_prepared_is_indexed_as_it_is_rendered(process, tmp_path):
    process.begin(SETTINGS, False)
    process.words([], Rewrite())
    process.prepare([page("a/", "甲页正文"), page("b/", "乙页初稿")])
    process.same("a/")
    process.page(page("b/", "乙页定稿"))
    stub, _ = process.finish(CONFIG, str(tmp_path / "search" / "kb"))
    (tmp_path / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    texts = {d["location"]: d["text"].replace("\u200b", "") for d in read_documents(tmp_path / "search")}
    assert texts["a/"] == "<p>甲页正文</p>" and texts["b/"] == "<p>乙页定稿</p>"
    assert "初稿" not in " ".join(texts.values())


def index_with(process, folder: Path, steps) -> dict[str, str]:
    process.begin(SETTINGS, False)
    process.words([], Rewrite())
    for method, *args in steps:
        getattr(process, method)(*args)
    stub, _ = process.finish(CONFIG, str(folder / "kb"))
    (folder / "search_index.json").write_text(stub, encoding="utf-8")
    return hash_tree(folder)


def test_shards_made_when_pages_settle_are_the_shards_made_at_the_end(process, tmp_path):
    a, b, b2 = page("a/", "甲页正文"), page("b/", "乙页初稿"), page("b/", "乙页定稿")
    at_end = index_with(process, tmp_path / "end", [("page", a), ("page", b2)])
    settled = index_with(process, tmp_path / "settled",
                         [("prepare", [a, b]), ("update", b2), ("settle", ["a/", "b/"]), ("same", "a/"), ("same", "b/")])
    # a page changed again after the pages settled: the shards are made again, from what was rendered
    late = index_with(process, tmp_path / "late",
                      [("prepare", [a, b]), ("settle", ["a/", "b/"]), ("same", "a/"), ("page", b2)])
    assert at_end == settled == late


def test_a_process_that_cannot_start_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python-here"))
    with pytest.raises(IndexerStopped, match="cannot start the search indexing process"):
        IndexerProcess().begin(SETTINGS, False)
