"""Backlinks with context (hooks/kb/backlinks.py): links in their block's text, the sentence around, the block."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kb.backlinks import (
    COLLAPSE_OVER,
    GROUP_OVER,
    Backlink,
    Context,
    links_in_text,
    render_backlinks,
    render_context,
    sentence_around,
)
from kb.htmlwalk import text_content


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # The whole paragraph is the block; white space collapsed; inline markup is text.
        (
            '<p>容器就是\n  <a href="a/">Linux <code>ns</code> 进程</a>。</p>',
            [("a/", "容器就是 Linux ns 进程。", "Linux ns 进程")],
        ),
        # Links inside code listings, scripts and SVG are not read; a link without href neither.
        (
            '<pre><code><a href="x/">x</a></code></pre><svg><a href="y/">y</a></svg>'
            '<script>var a = "<a href=z>"</script><p><a name="n">n</a><a href="w/">w</a></p>',
            [("w/", "nw", "w")],
        ),
        # Block elements cut the text: a nested list is its own block; so is a table cell.
        (
            '<ul><li>甲 <a href="a/">A</a><ul><li>乙 <a href="b/">B</a></li></ul></li></ul>'
            '<table><tr><td>丙</td><td><a href="c/">C</a> 丁</td></tr></table>',
            [("a/", "甲 A", "A"), ("b/", "乙 B", "B"), ("c/", "C 丁", "C")],
        ),
        # Entities are text; two links in one block share it.
        (
            '<p>a &lt; <a href="a/">b &amp; c</a> and <a href="d/">d</a></p>',
            [("a/", "a < b & c and d", "b & c"), ("d/", "a < b & c and d", "d")],
        ),
        ("<p>没有链接。</p>", []),
    ],
)
def test_links_in_text(fragment, expected):
    links = links_in_text(fragment)
    assert [(link.href, link.text, link.text[link.start : link.end]) for link in links] == expected


@pytest.mark.parametrize(
    ("text", "linked", "limit", "expected"),
    [
        ("前一句。容器就是进程，很短。后一句！", "进程", 72, ("容器就是", "进程", "，很短。")),
        ("No end here and Docker runs", "Docker", 72, ("No end here and ", "Docker", " runs")),
        ("第一句；Pod 里有容器？第三句", "Pod", 72, ("", "Pod", " 里有容器？")),
        # Too long: both sides cut evenly, each with an ellipsis.
        ("甲" * 50 + "链接" + "乙" * 50, "链接", 22, ("…" + "甲" * 10, "链接", "乙" * 10 + "…")),
        # One side short: the other side gets the rest of the budget.
        ("甲甲" + "链接" + "乙" * 50, "链接", 22, ("甲甲", "链接", "乙" * 18 + "…")),
        # Linked words longer than the budget are kept whole; the rest goes.
        ("甲甲" + "长" * 30 + "乙乙", "长" * 30, 10, ("…", "长" * 30, "…")),
    ],
)
def test_sentence_around(text, linked, limit, expected):
    start = text.index(linked)
    assert sentence_around(text, start, start + len(linked), limit) == Context(*expected)


def test_render_context_escapes_and_marks():
    assert render_context(Context('<b a="1">', "x<y", "&")) == '&lt;b a="1"&gt;<mark>x&lt;y</mark>&amp;'


def entries(n, groups=("Docker", "Kubernetes")):
    return [Backlink(f"页 {i}", f"../p{i}/", groups[i % len(groups)], Context("前", f"词{i}", "后")) for i in range(n)]


def test_block_folds_past_a_handful_and_groups_past_more():
    small = render_backlinks(entries(COLLAPSE_OVER))
    assert "<details" not in small and "kb-backlinks__group" not in small
    assert small.count("<li>") == COLLAPSE_OVER
    folded = render_backlinks(entries(GROUP_OVER))
    assert f"<summary>{GROUP_OVER} 个页面引用了本页</summary>" in folded
    assert "kb-backlinks__group" not in folded
    grouped = render_backlinks(entries(GROUP_OVER + 3))
    assert re.findall(r'<p class="kb-backlinks__group">([^<]+)<span class="kb-backlinks__count">(\d+)', grouped) == [
        ("Docker", "5"),
        ("Kubernetes", "4"),
    ]
    # Entries keep their given order inside each group.
    assert re.findall(r'href="\.\./p(\d+)/"', grouped) == ["0", "2", "4", "6", "8", "1", "3", "5", "7"]
    assert grouped.count("<mark>") == GROUP_OVER + 3


def test_block_without_context_and_unnamed_group():
    block = render_backlinks([Backlink("甲", "a/", "", None) for _ in range(GROUP_OVER + 1)])
    assert "kb-backlinks__context" not in block and ">其他<" in block


# --- properties -------------------------------------------------------------------------------

words = st.text(alphabet=st.sampled_from("容器进程ab <>&。！？；.!?\n\t\"'"), max_size=120)


@settings(max_examples=400, deadline=None)
@given(words, words.filter(lambda w: w.strip()), words, st.integers(min_value=0, max_value=100))
def test_property_context_contains_the_linked_words_and_stays_short(before, linked, after, limit):
    text = before + linked + after
    context = sentence_around(text, len(before), len(before) + len(linked), limit)
    assert context.linked == linked and linked in context.text
    assert len(context.before) + len(context.after) <= max(limit - len(linked), 0) + 2  # two ellipses at most
    assert context.before.replace("…", "") in before and context.after.replace("…", "") in after
    rendered = render_context(context)
    assert text_content(rendered) == context.text  # escaping round-trips: no markup injected
    assert rendered.count("<mark>") == 1


html_pieces = st.lists(
    st.sampled_from(["<p>", "</p>", "<li>", "</li>", "<code>", "</code>", "文字", " x ", "&amp;", "<br>", "。"]),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(html_pieces, st.text(alphabet=st.sampled_from("链接ab &<"), min_size=1, max_size=8), html_pieces)
def test_property_every_link_is_found_with_its_words(left, words, right):
    import html

    escaped = html.escape(words, quote=False)
    fragment = "".join(left) + f'<a href="t/">{escaped}</a>' + "".join(right)
    links = links_in_text(fragment)
    assert [link.href for link in links] == ["t/"]
    found = links[0].text[links[0].start : links[0].end]
    assert found == " ".join(words.split()) or found.strip() == " ".join(words.split())
