"""The fast scanner in kb.htmlwalk gives exactly html.parser's tokens, or steps aside."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb import htmlwalk  # noqa: E402
from kb.htmlwalk import tokenize  # noqa: E402


def fields(tokens):
    return [(t.kind, t.raw, t.tag, t.attrs, t.text) for t in tokens]


def both(html: str):
    return htmlwalk._scan(html), htmlwalk._parse(html)


@pytest.mark.parametrize(
    "html",
    [
        '<p class="a b" id=x data-v=\'1 &amp; 2\' hidden>文本 &lt;code&gt; &amp; 中文</p>',
        "<br/><img src=a.png alt=\"图\" /><hr>",
        "<!-- 注释 -- ><!---->\n<!DOCTYPE html><html lang=zh>",
        '<script>if (a < b && c) { x = "</p>"; }</script><style>a>b{}</style>',
        '<A HREF="X">大写</A>',
        "<input disabled checked=checked value=x>",
    ],
)
def test_scanner_agrees_with_html_parser(html):
    scanned, parsed = both(html)
    assert scanned is not None, "regular HTML should take the fast path"
    assert fields(scanned) == fields(parsed)


@pytest.mark.parametrize(
    "html",
    [
        "a < b", "<?php x ?>", "<![CDATA[x]]>", "<!-- unclosed", "<a href='x'title=y>", "</a foo>", "<script>x",
        '<p class= class=" =">', "<input value= >", "<a b=c\"d>",
    ],
)
def test_irregular_html_goes_through_html_parser(html):
    scanned, parsed = both(html)
    assert scanned is None
    assert fields(tokenize(html)) == fields(parsed)
    assert "".join(t.raw for t in tokenize(html)) == html


_names = st.sampled_from(["p", "a", "div", "span", "code", "pre", "br", "img", "Details", "h2"])
_attr_names = st.sampled_from(["class", "id", "href", "title", "data-x", "open", "Alt"])
_values = st.text(alphabet="ab 中文&;<>'\"=/-", max_size=8)


@st.composite
def _attribute(draw):
    name = draw(_attr_names)
    value = draw(_values)
    form = draw(st.sampled_from(["bare-name", "double", "single", "unquoted"]))
    if form == "bare-name":
        return f" {name}"
    if form == "double":
        return f' {name}="{value.replace(chr(34), "")}"'
    if form == "single":
        return f" {name}='{value.replace(chr(39), '')}'"
    return f" {name}={value.translate(str.maketrans('', '', chr(34) + chr(39) + '> '))}"


@st.composite
def _piece(draw):
    kind = draw(st.sampled_from(["start", "end", "selfclose", "text", "entity", "comment", "script", "stray"]))
    if kind == "start":
        return f"<{draw(_names)}{''.join(draw(st.lists(_attribute(), max_size=3)))}>"
    if kind == "selfclose":
        return f"<{draw(_names)}{''.join(draw(st.lists(_attribute(), max_size=2)))}/>"
    if kind == "end":
        return f"</{draw(_names)}>"
    if kind == "entity":
        return draw(st.sampled_from(["&amp;", "&lt;", "&#20013;", "&nbsp;", "&bogus;", "&"]))
    if kind == "comment":
        return f"<!--{draw(st.text(alphabet='ab -<>', max_size=6))}-->"
    if kind == "script":
        body = draw(st.text(alphabet="a<>/&;'", max_size=8))
        return f"<script>{body}</script>"
    if kind == "stray":
        return draw(st.sampled_from(["<", "< p", "<>", "</>", "<!x>", "<?x>"]))
    return draw(st.text(alphabet="ab 中文\n\t", max_size=10))


@settings(max_examples=1000, deadline=None)
@given(st.lists(_piece(), max_size=12))
def test_scanner_never_disagrees(pieces):
    html = "".join(pieces)
    scanned, parsed = both(html)
    if scanned is not None:
        assert fields(scanned) == fields(parsed)
    assert "".join(t.raw for t in tokenize(html)) == html


def test_every_built_page_scans_like_html_parser(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    fast = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scanned, parsed = both(html)
        if scanned is not None:
            fast += 1
            assert fields(scanned) == fields(parsed), path
    # The point of the scanner: real pages take the fast path.
    assert fast >= len(pages) - 1, f"only {fast} of {len(pages)} pages scanned without html.parser"


def test_a_page_read_by_several_hooks_is_tokenized_once(monkeypatch):
    calls = []
    real = htmlwalk._tokenize_regions
    monkeypatch.setattr(htmlwalk, "_tokenize_regions", lambda html, opaque: calls.append(1) or real(html, opaque))
    html = "<p>甲</p><pre><code>x</code></pre><p>乙</p>" + "<!-- unique -->" * 3
    first = tokenize(html, opaque=htmlwalk.CODE_AND_SCRIPTS)
    first.append("the caller's own list")
    second = tokenize(html, opaque=htmlwalk.CODE_AND_SCRIPTS)
    assert len(calls) == 1
    assert "the caller's own list" not in second
    assert fields(second) == fields(real(html, htmlwalk.CODE_AND_SCRIPTS))
    tokenize(html)  # other opaque elements: tokenized on its own
    assert len(calls) == 2


@pytest.mark.parametrize(
    "html, found",
    [
        ("<p>勘误：x</p>", True),
        ("<p>&#21208;&#35823;</p>", True),
        ("<p>&#X52D8;误</p>", True),
        ("<p>说明 &#38;</p>", False),
        ("<p>没有</p>", False),
    ],
)
def test_may_contain_sees_text_written_as_references(html, found):
    assert htmlwalk.may_contain(html, "勘误") is found


def test_remembered_rewrite_computes_once_per_inputs_and_hands_out_fresh_lists():
    from kb.htmlwalk import remembered_rewrite

    calls = []

    @remembered_rewrite
    def add_ids(page_html, taken, prefix=""):
        calls.append((page_html, taken, prefix))
        return page_html.upper(), [f"{prefix}{len(taken)}"]

    first = add_ids("<p>a</p>", {"x"})
    again = add_ids("<p>a</p>", ["x"])  # the same ids, another container
    other = add_ids("<p>a</p>", {"x", "y"})
    assert first == again == ("<P>A</P>", ["1"]) and other == ("<P>A</P>", ["2"])
    assert len(calls) == 2 and calls[0][1] == frozenset({"x"})
    again[1].append("changed")
    assert add_ids("<p>a</p>", {"x"})[1] == ["1"]
