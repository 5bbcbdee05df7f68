"""Chinese UI, navigation and index pages (issue 12, items 6-9): pure helpers and small builds.

The reader's view of the real site is checked in tests/test_ui_browser.py.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

import markdown
import pytest
from conftest import ROOT, page_md, run_build
from hypothesis import given
from hypothesis import strategies as st
from kb.categories import INDEX_PAGES, index_section_order, index_section_position
from kb.glossary import GlossaryEntry, display_aliases, render_glossary, render_tools, variant_key
from kb.htmlwalk import tokenize
from kb.sections import PERMALINK_TITLE, Section
from kb.ui import untitled_blocks

# --- aliases: each distinct spelling once ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "aliases", "shown"),
    [
        ("etcd", ("ETCD", "Etcd"), ()),
        ("Pod", ("pod", "容器组", "POD"), ("容器组",)),
        ("Raft", ("Raft 算法", "raft算法", "RAFT  算法"), ("Raft 算法",)),
        ("容器组", ("Ｐｏｄ", "Pod", "pod"), ("Ｐｏｄ",)),  # full width folds to half width
        ("DNS", ("Domain Name System", "域名系统"), ("Domain Name System", "域名系统")),
        ("K8s", ("Kubernetes", "kubernetes", "k 8 s"), ("Kubernetes",)),
        ("X", ("", " "), ()),
    ],
)
def test_display_aliases(name, aliases, shown):
    assert display_aliases(name, aliases) == shown


_spellings = st.text(alphabet=st.sampled_from("abAB 　ａＢ容器-"), max_size=6)


@given(_spellings, st.lists(_spellings, max_size=6))
def test_display_aliases_properties(name, aliases):
    shown = display_aliases(name, aliases)
    keys = [variant_key(a) for a in shown]
    assert list(shown) == [a for a in aliases if a in shown][: len(shown)] or set(shown) <= set(aliases)
    assert len(set(keys)) == len(keys)  # no two shown aliases are the same spelling
    assert variant_key(name) not in keys  # none only re-spells the name
    for alias in aliases:  # every alias is either shown or a variant of something shown / the name
        assert not variant_key(alias) or variant_key(alias) in {*keys, variant_key(name)}


def test_variant_key_folds_case_width_and_spacing():
    assert variant_key("Ｅｔｃｄ") == variant_key("ETCD") == variant_key("e t c d") == "etcd"
    assert variant_key("容器 组") == "容器组"
    assert variant_key("etcd") != variant_key("etc")


def test_glossary_keeps_every_spelling_for_matching_but_shows_distinct_ones():
    entry = GlossaryEntry("etcd", ("ETCD", "Etcd", "键值 <库>"), "存储。", "../k/#etcd", "K 页")
    body = render_glossary([entry])[0].body
    dt = next(t for t in tokenize(body) if t.kind == "start" and t.tag == "dt")
    assert dt.attr("data-match").split("\n") == ["etcd", "ETCD", "Etcd", "键值 <库>"]
    assert "别名：键值 &lt;库&gt;</p>" in body
    assert "ETCD" not in body.split("data-match", 1)[1].split(">", 1)[1]  # not displayed


def test_render_tools_jump_bar_links_every_group_and_escapes():
    sections = [Section("letter-a", "A", ""), Section("letter-other", "#", ""), Section('x"<', "<b>", "")]
    tools = render_tools(sections, 305)
    links = [t for t in tokenize(tools) if t.kind == "start" and t.tag == "a"]
    assert [t.attr("href") for t in links] == ["#letter-a", "#letter-other", '#x"<']
    assert "&lt;b&gt;" in tools and "<b>" not in tools
    assert "共 305 个术语" in tools and "没有匹配的术语" in tools
    assert 'class="kb-glossary-filter" hidden' in tools  # no box without JavaScript
    texts = [t.text for t in tokenize(render_tools([Section("letter-a", "A", "")], 1)) if t.kind == "text"]
    assert not [t for t in texts if re.search(r"[A-Za-z]", t) and t != "A"]  # no English text
    placeholder = next(t for t in tokenize(tools) if t.tag == "input").attr("placeholder")
    assert placeholder and not re.search(r"[A-Za-z]", placeholder)


# --- navigation: one 「索引」 section ------------------------------------------------------------


@pytest.mark.parametrize(
    ("uris", "expected"),
    [
        (["tags.md", "glossary.md", "a/b.md", "interview.md"], ["glossary.md", "interview.md", "tags.md"]),
        (list(reversed(INDEX_PAGES)), list(INDEX_PAGES)),
        (["index.md", "about/tags.md"], []),
    ],
)
def test_index_section_order(uris, expected):
    assert index_section_order(uris) == expected


@pytest.mark.parametrize(
    ("folders", "position"),
    [([None, "k8s", "about", "~"], 2), ([None, "k8s"], 2), ([], 0), (["about"], 0)],
)
def test_index_section_position(folders, position):
    assert index_section_position(folders) == position


NAV_FILES = {
    "index.md": page_md("首页"),
    "k8s/index.md": page_md("容器编排", "# 容器编排\n\n- [甲](a.md)：先读。\n- [乙](b.md)：后读。\n"),
    "k8s/a.md": page_md("甲", '# 甲\n\n??? question "为什么要有甲？"\n    因为乙。\n'),
    "k8s/b.md": page_md("乙"),
    "about/index.md": page_md(
        "关于本站", "# 关于本站\n\n- [编写指南](authoring.md)：约定。\n- [勘误汇总](errata.md)：更正。\n"
    ),
    "about/authoring.md": page_md("编写指南"),
    "tags.md": page_md("标签索引", "# 标签索引\n\n<!-- material/tags -->\n"),
}


@pytest.mark.slow
def test_indexes_form_one_section_before_about(make_project):
    project = make_project(NAV_FILES, config="extra:\n  categories: [k8s, about]\n")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "k8s" / "a" / "index.html").read_text(encoding="utf-8")
    tabs = [" ".join(m.split()) for m in re.findall(r'class="md-tabs__link">([^<]+)</a>', html)]
    assert tabs == ["首页", "容器编排", "索引", "关于本站"]
    # Previous/next follow the new order: 乙, then the indexes in their order, then 关于本站.
    site, page, titles = project / "site", "k8s/b/", []
    while len(titles) < 10:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        found = re.search(
            r'<a href="([^"]+)" class="md-footer__link md-footer__link--next" aria-label="下一页: ([^"]+)"', html
        )
        assert found, page
        page = posixpath.normpath(posixpath.join(page, found.group(1))) + "/"
        titles.append(found.group(2))
        if found.group(2) == "关于本站":
            break
    order = ["术语表", "面试题索引", "刷题练习", "标签索引", "知识图谱"]
    assert titles[-1] == "关于本站" and titles[:-1] == [t for t in order if t in titles], titles
    assert {"术语表", "面试题索引", "标签索引"} <= set(titles)
    glossary = (project / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    section_label = r'<label class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*索引\s*<'
    assert re.search(section_label, glossary)  # a section of its own, not a page


# --- admonition titles --------------------------------------------------------------------------

_md = markdown.Markdown(extensions=["admonition", "pymdownx.details", "pymdownx.superfences"])


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("!!! note\n    正文\n", [("note", "Note")]),
        ('!!! note "说明"\n    正文\n', []),
        ('!!! warning ""\n    没有标题栏\n', []),
        ("??? question\n    答案\n", [("question", "Question")]),
        ("???+ tip\n    提示\n", [("tip", "Tip")]),
        ('??? question "为什么？"\n    答案\n', []),
        ('!!! note "Note"\n    英文标题照样算\n', [("note", "Note")]),
        ('!!! danger "注意"\n    !!! info\n        里层\n', [("info", "Info")]),
        ("```markdown\n!!! note\n    示例\n```\n", []),
        ('<details class="note"><summary>勘误：已更正</summary><p>x</p></details>\n', []),
    ],
)
def test_untitled_blocks(source, found):
    html = _md.reset().convert(source)
    assert [(b.kind, b.title) for b in untitled_blocks(html)] == found


ALL_HOOKS = """
hooks:
  - {root}/hooks/bundle.py
  - {root}/hooks/frontmatter.py
  - {root}/hooks/categories.py
  - {root}/hooks/questions.py
  - {root}/hooks/autolinks.py
  - {root}/hooks/backlinks.py
  - {root}/hooks/glossary.py
  - {root}/hooks/search.py
  - {root}/hooks/ui.py
"""


@pytest.mark.slow
def test_build_fails_on_an_untitled_admonition_and_names_the_page(make_project):
    hooks = ALL_HOOKS.format(root=ROOT) if "hooks/ui.py" not in (ROOT / "mkdocs.yml").read_text() else ""
    files = {"index.md": page_md("首页"), "a.md": page_md("甲", "# 甲\n\n!!! note\n    没写标题。\n")}
    result = run_build(make_project(files, config=hooks))
    assert result.returncode != 0
    assert "a.md: a 'note' block has no title, so readers see the English default 'Note'" in result.stderr
    files["a.md"] = page_md("甲", '# 甲\n\n!!! note "说明"\n    写了标题。\n')
    result = run_build(make_project(files, config=hooks))
    assert result.returncode == 0, result.stderr


# --- small things that must agree ----------------------------------------------------------------


def test_generated_headings_use_the_configured_permalink_title():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf"^\s+permalink_title: {PERMALINK_TITLE}$", config, re.M)
    assert all(unicodedata.name(ch).startswith("CJK") for ch in PERMALINK_TITLE)


def test_pages_workflow_checks_out_the_full_history():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert re.search(r"actions/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0", workflow)


def test_licence_is_in_the_footer_and_the_readme():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    copyright_line = next(line for line in config.splitlines() if line.startswith("copyright:"))
    for licence in ("CC BY-NC-SA 4.0", "MIT"):
        assert licence in copyright_line and licence in readme


@pytest.mark.slow
def test_last_updated_without_git_history_falls_back_to_the_build_date(make_project):
    project = make_project({"index.md": page_md("首页")})
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    aside = html.split('<aside class="md-source-file kb-updated">', 1)[1].split("</aside>", 1)[0]
    text = " ".join("".join(t.text for t in tokenize(aside) if t.kind == "text").split())
    assert re.fullmatch(r"最后更新：\d{4} 年 \d{1,2} 月 \d{1,2} 日", text), text
