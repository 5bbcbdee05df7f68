"""Material's search entries of unchanged pages are reused across `mkdocs serve` rebuilds (kb.searchmemo)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb.searchmemo import EntryMemo  # noqa: E402


class FakeIndex:
    """Stands in for Material's SearchIndex: one entry per call, counting calls."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.calls = 0

    def add_entry_from_context(self, page) -> None:
        self.calls += 1
        self.entries.append({"location": page.url, "title": page.title, "text": page.content, "tags": ["t"]})


def page(url="a/", content="<p>正文</p>", title="甲", toc=()):
    return SimpleNamespace(url=url, content=content, title=title, toc=list(toc), meta={"title": title})


def build(memo: EntryMemo, pages, words=("脑裂",)) -> FakeIndex:
    index = FakeIndex()
    memo.wrap(index)
    memo.use_words(words)
    for p in pages:
        index.add_entry_from_context(p)
    memo.forget_unused()
    return index


def test_unchanged_pages_are_not_indexed_again():
    memo = EntryMemo()
    first = build(memo, [page("a/"), page("b/")])
    second = build(memo, [page("a/"), page("b/", content="<p>改过</p>")])
    assert (first.calls, second.calls, memo.hits) == (2, 1, 1)
    assert second.entries == [
        {"location": "a/", "title": "甲", "text": "<p>正文</p>", "tags": ["t"]},
        {"location": "b/", "title": "甲", "text": "<p>改过</p>", "tags": ["t"]},
    ]


def test_entries_handed_out_are_copies():
    memo = EntryMemo()
    build(memo, [page()])
    again = build(memo, [page()])
    again.entries[0]["tags"].append("changed")
    assert build(memo, [page()]).entries[0]["tags"] == ["t"]


def test_other_words_or_title_or_toc_mean_indexing_again():
    memo = EntryMemo()
    build(memo, [page()])
    assert build(memo, [page()], words=("脑裂", "租约")).calls == 1  # jieba would cut differently
    assert build(memo, [page(title="乙")], words=("脑裂", "租约")).calls == 1
    heading = SimpleNamespace(id="x", url="#x", title="节", level=2, children=[])
    assert build(memo, [page(title="乙", toc=[heading])], words=("脑裂", "租约")).calls == 1


def test_pages_gone_from_the_site_are_forgotten():
    memo = EntryMemo()
    build(memo, [page("a/"), page("b/")])
    build(memo, [page("a/")])
    assert build(memo, [page("a/"), page("b/")]).calls == 1  # b/ was dropped when it disappeared


def test_a_build_started_without_wrapping_still_forgets_what_it_did_not_use():
    memo = EntryMemo()
    for content in ("<p>初稿</p>", "<p>二稿</p>", "<p>定稿</p>"):  # one page, saved three times
        memo.start()
        index = FakeIndex()
        memo.add(index, index.add_entry_from_context, page(content=content))
        memo.forget_unused()
    assert len(memo._entries) == 1  # only the last version: memory stays that of one site
