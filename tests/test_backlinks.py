"""Backlinks and question ids: pure functions (hooks/kb/backlinks.py, hooks/kb/questions.py) and the hooks."""

from __future__ import annotations

import autolinks as autolinks_hook
import backlinks as backlinks_hook
import pytest
import questions as questions_hook
from hypothesis import given, settings
from hypothesis import strategies as st
from kb.backlinks import (
    Backlink,
    Context,
    LinkGraph,
    extract_hrefs,
    normalize_url,
    render_backlinks,
    resolve_href,
)
from kb.questions import QuestionLink, assign_question_ids, render_question_counts, render_question_index
from kb.sections import render_sections
from kbpages import add_page, make_config
from mkdocs.structure.files import Files

# Enough prose that the link budget of a topic page (kb.linkpolicy) allows the links tested here.
FILLER = "这一段只是正文，让页面的术语链接占正文的比例保持在上限以内。" * 4


@pytest.mark.parametrize(
    ("href", "from_url", "expected"),
    [
        ("../b/", "docs/a/", ("docs/b/", "")),
        ("../../k8s/pod/#pod", "docker/a/", ("k8s/pod/", "pod")),
        ("#x", "docker/a/", ("docker/a/", "x")),
        ("..", "docker/", ("", "")),
        ("../%E8%84%91/#%E8%A3%82", "a/b/", ("a/脑/", "裂")),
        ("../x/index.html", "a/b/", ("a/x/", "")),
        ("https://example.com/a/", "a/", None),
        ("mailto:x@example.com", "a/", None),
        ("//cdn.example.com/x.js", "a/", None),
    ],
)
def test_resolve_href(href, from_url, expected):
    assert resolve_href(href, from_url) == expected


def test_extract_hrefs_and_normalize():
    assert extract_hrefs('<p><a href="a/">x</a><a name="n">y</a><a href="">z</a><img src="i.png"></p>') == [
        "a/"
    ]
    assert normalize_url("/index.html") == "" and normalize_url("a/b/index.html") == "a/b/"


def test_link_graph_is_sorted_and_ignores_self_links():
    graph = LinkGraph()
    graph.add_link("z.md", "t.md", "a")
    graph.add_link("b.md", "t.md", "")
    graph.add_link("z.md", "t.md", "")
    graph.add_link("t.md", "t.md", "x")
    assert graph.referrers("t.md") == ["b.md", "z.md"]
    assert graph.referrers_of_anchor("t.md", "a") == ["z.md"]
    assert graph.inbound("t.md") == (("b.md", ""), ("z.md", ""), ("z.md", "a"))
    assert graph.referrers("nothing.md") == []


def test_render_backlinks_escapes():
    assert render_backlinks([]) == ""
    block = render_backlinks([Backlink("<b>标题</b> & x", '../a"b/', "<分类>", Context("<i>", "a&b", "</i>"))])
    assert '<h2 id="backlinks" class="kb-backlinks">引用本页的页面</h2>' in block
    assert (
        '<li><a href="../a&quot;b/">&lt;b&gt;标题&lt;/b&gt; &amp; x</a>'
        '<span class="kb-backlinks__context">&lt;i&gt;<mark>a&amp;b</mark>&lt;/i&gt;</span></li>'
    ) in block
    assert "<details" not in block and "分类" not in block  # one entry: no fold, no groups


def test_question_ids_are_slugs_unique_and_stable():
    source = (
        '<h2 id="q-what">x</h2>'
        '<details class="question"><summary>What?</summary><p>a</p></details>'
        '<details class="question" open="open"><summary>What?</summary></details>'
        '<details class="note"><summary>不是问题</summary></details>'
        '<details class="question" id="mine"><summary>有 <code>id</code> 了</summary></details>'
        '<details class="question"><summary>？！</summary></details>'
    )
    out, questions = assign_question_ids(source, {"q-what"})
    assert [(q.id, q.text) for q in questions] == [
        ("q-what-2", "What?"),
        ("q-what-3", "What?"),
        ("mine", "有 id 了"),
        ("q-4", "？！"),
    ]
    assert '<details class="question" id="q-what-2" data-kb-card="q' in out
    assert '<details class="question" open="open" id="q-what-3" data-kb-card="q' in out
    assert '<details class="note">' in out
    again, same = assign_question_ids(out, {"q-what"})
    assert again == out and [q.id for q in same] == [q.id for q in questions]


def test_render_question_index_and_counts_escape():
    sections = render_question_index(
        [("docker", "Docker <x>", [QuestionLink("../d/#q-1", "a < b?", "页 & 页")]), ("empty", "空", [])]
    )
    assert [(s.id, s.title) for s in sections] == [("docker", "Docker <x>")]
    body = render_sections(sections)
    assert body.startswith('<h2 id="docker">Docker &lt;x&gt;<a class="headerlink" href="#docker"')
    assert '<li><a href="../d/#q-1">a &lt; b?</a>' in body and "页 &amp; 页" in body
    assert "空" not in body
    assert render_question_index([]) == []
    table = render_question_counts([("Docker", "interview/#docker", 2), ("无 <分类>", "", 1), ("关于本站", "", 0)])
    assert '<td><a href="interview/#docker">Docker</a></td>' in table
    assert "<td>无 &lt;分类&gt;</td>" in table and "<strong>3</strong>" in table
    assert "关于本站" not in table  # no row for a category without questions


# --- the hooks, driven in order on an in-memory site ----------------------------------------


def test_hooks_link_record_backlinks_and_questions(tmp_path):
    config = make_config(tmp_path)
    files = Files([])
    for hook in (questions_hook, autolinks_hook, backlinks_hook):
        hook.on_config(config)
    a = add_page(
        config,
        files,
        "docker/a.md",
        '<h2 id="d">Docker</h2><p>Docker 跑在 Linux 上。</p>',
        "A 页",
        {"Docker": {"summary": '容器 "平台"', "anchor": "d"}},
    )
    b = add_page(config, files, "kubernetes/b.md", f"<p>用 docker 和 Docker。</p>\n<p>{FILLER}</p>", "B 页")
    c = add_page(
        config,
        files,
        "kubernetes/c.md",
        '<p><a href="../b/">B</a></p><details class="question"><summary>Docker 是什么？</summary></details>',
        "C 页",
    )
    c.content = questions_hook.on_page_content(c.content, page=c, config=config, files=files)
    assert c.meta["_questions"][0].id == "q-docker-是什么"
    assert "q-docker-是什么" in c.present_anchor_ids
    autolinks_hook.on_env(None, config=config, files=files)
    backlinks_hook.on_env(None, config=config, files=files)
    assert b.content == (
        '<h1 id="top">B 页</h1>\n<p>用 <a class="autolink" href="../../docker/a/#d"'
        ' title="容器 &quot;平台&quot;" data-term="Docker" data-summary="容器 &quot;平台&quot;">docker</a>'
        f" 和 Docker。</p>\n<p>{FILLER}</p>\n"
        '<h2 id="backlinks" class="kb-backlinks">引用本页的页面</h2>\n'
        '<ul class="kb-backlinks">\n<li><a href="../c/">C 页</a>'
        '<span class="kb-backlinks__context"><mark>B</mark></span></li>\n</ul>\n'
    )
    assert "autolink" not in a.content  # the defining page does not link its own term
    assert 'class="autolink"' not in c.content.split("<summary>")[1]
    assert a.meta["_inbound"] == (("kubernetes/b.md", "d"),)
    assert [item.id for item in b.toc.items[0].children] == ["backlinks"]
    assert "backlinks" in b.present_anchor_ids
    assert c.meta["_inbound"] == () and "backlinks" not in c.content
    assert b.meta["_outbound"] == (("docker/a.md", "d"),)
    assert c.meta["_outbound"] == (("kubernetes/b.md", ""),)


@pytest.mark.parametrize(
    ("href", "from_url", "expected"),
    [
        ("./", "a/b/", ("a/b/", "")),
        ("../../../x/", "a/b/", ("x/", "")),
        ("/abs/path/", "a/b/", ("abs/path/", "")),
        ("?q=1#f", "a/b/", ("a/b/", "f")),
        ("c.html", "a/b.html", ("a/c.html", "")),
        ("../index.html#top", "a/b/", ("a/", "top")),
    ],
)
def test_resolve_href_more(href, from_url, expected):
    assert resolve_href(href, from_url) == expected


segments = st.lists(st.sampled_from(["..", ".", "a", "b", "脑裂"]), max_size=5)


@settings(max_examples=300, deadline=None)
@given(segments, st.booleans(), segments)
def test_property_resolve_href_agrees_with_urljoin(parts, trailing, page):
    from urllib.parse import unquote, urljoin, urlsplit

    href = "/".join(parts) + ("/" if trailing and parts else "")
    from_url = "".join(f"{p}/" for p in page if p not in (".", ".."))
    expected = urlsplit(urljoin(urljoin("https://kb.invalid/", from_url), href))
    resolved = resolve_href(href, from_url)
    assert resolved == (normalize_url(unquote(expected.path)), "")


def test_autolinks_memo_serves_unchanged_pages_and_follows_term_changes(tmp_path):
    def site(summary):
        config = make_config(tmp_path)
        files = Files([])
        autolinks_hook.on_config(config)
        add_page(config, files, "docker/a.md", '<h2 id="d">Docker</h2>', "A 页",
                 {"Docker": {"summary": summary, "anchor": "d"}})
        b = add_page(config, files, "kubernetes/b.md", f"<p>用 Docker。</p><p>{FILLER}</p>", "B 页")
        autolinks_hook.on_env(None, config=config, files=files)
        return b.content

    first = site("容器平台。")
    assert 'title="容器平台。"' in first
    assert site("容器平台。") == first  # the next (serve) build: same input, same page
    assert 'title="另一个定义。"' in site("另一个定义。")  # a changed term is never served stale
