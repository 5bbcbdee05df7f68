"""Term index and glossary (hooks/kb/terms.py, hooks/kb/glossary.py, hooks/glossary.py)."""

from __future__ import annotations

import logging

import glossary as glossary_hook
import pytest
from kb.frontmatter import Term
from kb.glossary import GlossaryEntry, render_glossary
from kb.sections import render_sections
from kb.terms import build_term_index, initial_of, list_terms, sort_key, summary_html, summary_text
from kbpages import add_page, make_config
from mkdocs.structure.files import Files


def term(name, *aliases, summary="一句话。", anchor="a", case_sensitive=False):
    return Term(name, summary, tuple(aliases), anchor, case_sensitive)


def test_index_keeps_first_declaration_and_reports_conflicts():
    index = build_term_index(
        [
            ("k8s/b.md", [term("Pod", "pod 对象"), term("容器组", "Docker")]),
            ("docker/a.md", [term("Docker", "docker", "Docker 引擎"), term("镜像", "image")]),
            ("k8s/c.md", [term("docker")]),
        ]
    )
    assert [e.name for e in index.entries] == ["Docker", "镜像", "Pod", "容器组"]
    assert index.get("容器组").aliases == ()
    assert [c.message() for c in index.conflicts] == [
        "k8s/b.md: alias 'Docker' of term '容器组' is already declared as term 'Docker' in docker/a.md",
        "k8s/c.md: term 'docker' is already declared as term 'Docker' in docker/a.md",
    ]


def test_alias_clash_with_another_alias_and_on_the_same_page():
    index = build_term_index([("a.md", [term("甲", "X"), term("乙", "x")]), ("b.md", [term("丙", "X")])])
    assert [c.message() for c in index.conflicts] == [
        "a.md: alias 'x' of term '乙' is already declared as an alias of term '甲' on the same page",
        "b.md: alias 'X' of term '丙' is already declared as an alias of term '甲' in a.md",
    ]


def test_index_does_not_depend_on_page_order():
    pages = [("b.md", [term("Y", "y1")]), ("a.md", [term("X", "Y")])]
    assert build_term_index(pages) == build_term_index(list(reversed(pages)))


def test_list_terms_for_the_search_dictionary():
    pages = [("a.md", [term("时钟回拨", "clock rollback")]), ("b.md", [term("Docker", "docker")])]
    assert list_terms(pages) == [("Docker", ("docker",)), ("时钟回拨", ("clock rollback",))]


@pytest.mark.parametrize(
    ("name", "initial"),
    [
        ("Docker", "D"),
        ("docker", "D"),
        ("脑裂", "N"),
        ("时钟回拨", "S"),
        ("重复", "C"),
        ("3PC", "#"),
        ("「x」", "#"),
    ],
)
def test_initials(name, initial):
    assert initial_of(name) == initial


def test_sort_within_group_is_by_spelling():
    names = ["Docker", "代理", "DNS", "调度器", "单点故障"]
    assert sorted(names, key=sort_key) == ["代理", "单点故障", "调度器", "DNS", "Docker"]


def test_summary_rendering_escapes_everything_but_code_spans():
    s = 'a `<b>` & "q" <script>x</script>'
    assert summary_text(s) == 'a <b> & "q" <script>x</script>'
    assert summary_html(s) == 'a <code>&lt;b&gt;</code> &amp; "q" &lt;script&gt;x&lt;/script&gt;'


def test_render_glossary_groups_sorts_and_escapes():
    entries = [
        GlossaryEntry(
            "脑裂", ("split brain",), "集群<分裂>。", "../d/s/#sb", "脑裂页", (("Raft", "../d/raft/"),)
        ),
        GlossaryEntry("Docker", (), "容器平台。", "../docker/#d", "Docker 页"),
        GlossaryEntry("Dapr", (), 'x "y"', "../x/#d", "X"),
        GlossaryEntry("3PC", (), "三阶段。", "../x/#3", "X"),
    ]
    sections = render_glossary(entries)
    assert [(s.id, s.title) for s in sections] == [("letter-d", "D"), ("letter-n", "N"), ("letter-other", "#")]
    body = render_sections(sections)
    assert '<h2 id="letter-d">D<a class="headerlink" href="#letter-d" title="本节链接">&para;</a></h2>' in body
    assert body.index("Dapr") < body.index("Docker")
    assert "集群&lt;分裂&gt;。" in body
    assert '<dt id="term-脑裂" data-match="脑裂\nsplit brain"><a href="../d/s/#sb">脑裂</a></dt>' in body
    assert "别名：split brain" in body and '引用：<a href="../d/raft/">Raft</a>' in body
    assert render_glossary([]) == []


# --- the hook, driven with an in-memory config -----------------------------------------------


def test_hook_fills_glossary_and_warns_on_duplicates(tmp_path, caplog):
    config = make_config(tmp_path)
    files = Files([])
    glossary_hook.on_config(config)
    add_page(
        config,
        files,
        "docker/a.md",
        '<h2 id="d">D</h2>',
        "A 页",
        {"Docker": {"summary": "平台。", "anchor": "d"}},
    )
    add_page(
        config,
        files,
        "kubernetes/b.md",
        '<h2 id="d">D</h2>',
        "B 页",
        {"docker": {"summary": "另一个。", "anchor": "d"}},
    )
    ref = add_page(config, files, "kubernetes/c.md", '<p><a href="../../docker/a/#d">x</a></p>', "C 页")
    ref.meta["_inbound"] = ()
    files = glossary_hook.on_files(files, config)
    glossary = files.get_file_from_path("glossary.md")
    from mkdocs.structure.pages import Page

    page = Page(None, glossary, config)
    page.read_source(config)
    page.render(config, files)
    files.get_file_from_path("docker/a.md").page.meta["_inbound"] = (("kubernetes/c.md", "d"),)
    with caplog.at_level(logging.WARNING):
        glossary_hook.on_env(None, config=config, files=files)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "glossary: kubernetes/b.md: term 'docker' is already declared as term 'Docker' in docker/a.md"
    ]
    assert page.url == "glossary/"
    assert '<a href="../docker/a/#d">Docker</a>' in page.content
    assert '引用：<a href="../kubernetes/c/">C 页</a>' in page.content
    assert "另一个" not in page.content
    assert [item.title for item in page.toc.items[0].children] == ["D"]
