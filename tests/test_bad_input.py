"""Bad input never passes silently: each broken note gives one clear line naming the file.

Real strict builds of small throwaway projects (see conftest.make_project). The
front-matter cases (malformed YAML, missing/empty title, unknown key, missing term
anchor, invalid UTF-8) are in test_frontmatter.py; this file covers the rest of the
list in issue 9 and the cases that must *just work*.
"""

from __future__ import annotations

import re

import pytest
from conftest import page_md, run_build
from kb.searchshards import read_documents

pytestmark = pytest.mark.slow

TERM_PAGE = """\
    ---
    title: {title}
    description: 定义页。
    terms:
      {term}:
        summary: {summary}
        aliases: [{aliases}]
        anchor: def
    ---

    # {title}

    ## 定义 {{#def}}

    {term} 的定义。
    """


def term_page(title: str, term: str, summary: str = "一句话定义。", aliases: str = "") -> str:
    return TERM_PAGE.format(title=title, term=term, summary=summary, aliases=aliases)


def _output(result) -> str:
    return result.stdout + result.stderr


def _assert_fails_with(result, *fragments: str) -> str:
    out = _output(result)
    assert result.returncode != 0, out
    assert "Traceback" not in out
    for fragment in fragments:
        assert fragment in out, out
    return out


def test_term_declared_twice_names_both_files(make_project):
    project = make_project(
        {
            "index.md": page_md("首页"),
            "a.md": term_page("甲", "脑裂"),
            "b.md": term_page("乙", "脑裂"),
        }
    )
    out = _assert_fails_with(run_build(project), "a.md", "b.md", "脑裂")
    warnings = [line for line in out.splitlines() if line.startswith("WARNING") and "脑裂" in line]
    assert len(warnings) == 1, out


def test_alias_colliding_with_another_term_names_both_files(make_project):
    project = make_project(
        {
            "index.md": page_md("首页"),
            "a.md": term_page("甲", "Raft"),
            "b.md": term_page("乙", "共识算法", aliases="raft"),
        }
    )
    out = _assert_fails_with(run_build(project), "a.md", "b.md")
    assert re.search(r"WARNING.*alias 'raft'", out, re.I), out


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[缺页](missing.md)", "Doc file 'a.md' contains a link 'missing.md', but the target is not found"),
        ("[缺锚点](b.md#nope)", "Doc file 'a.md' contains a link 'b.md#nope', but the doc 'b.md' does not contain an anchor '#nope'"),
        ("[本页](#nowhere)", "Doc file 'a.md' contains a link '#nowhere', but there is no such anchor on this page"),
    ],
)
def test_broken_links_and_anchors_fail_strict(make_project, link, message):
    project = make_project(
        {
            "index.md": page_md("首页"),
            "a.md": page_md("甲", f"# 甲\n\n{link}\n"),
            "b.md": page_md("乙", "# 乙\n\n## 有的锚点\n"),
        }
    )
    _assert_fails_with(run_build(project), message)


def test_empty_page_is_a_missing_title(make_project):
    project = make_project({"index.md": page_md("首页"), "empty.md": ""})
    out = _assert_fails_with(run_build(project), "empty.md: 'title' is required")
    assert out.count("empty.md: 'title' is required") == 1


def test_bom_and_crlf_just_work(make_project):
    text = page_md("换行", "# 换行\n\n## 定义 {#def}\n\n第一行。\n")
    project = make_project(
        {
            "index.md": page_md("首页"),
            "crlf.md": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
            "cr.md": text.replace("title: 换行", "title: 旧换行").replace("\n", "\r").encode(),
        }
    )
    result = run_build(project)
    assert result.returncode == 0, _output(result)
    for name in ("crlf", "cr"):
        html = (project / "site" / name / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1[^>]*>换行", html), name  # the heading parsed, front matter stripped
        assert "第一行。" in html and "description:" not in html
        assert "\r" not in html


def test_hostile_summary_is_escaped_everywhere(make_project):
    summary = "\"<script>alert('x')</script> & 'q' <b>粗</b>\""
    project = make_project(
        {
            "index.md": page_md("首页"),
            "def.md": term_page("定义页", "注入术语", summary=summary),
            "use.md": page_md("使用页", "# 使用页\n\n这里提到注入术语。\n\n" + "这一段只是正文，让页面的术语链接占正文的比例保持在上限以内。" * 4 + "\n"),
        }
    )
    result = run_build(project)
    assert result.returncode == 0, _output(result)
    site = project / "site"
    use = (site / "use" / "index.html").read_text(encoding="utf-8")
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    docs = read_documents(site / "search")
    for text in (use, glossary):
        assert "<script>alert" not in text
        assert "<b>粗</b>" not in text
    assert re.search(r'<a [^>]*class="autolink"[^>]*>注入术语</a>', use), use
    assert "&lt;script&gt;alert(" in use and "&amp;" in use
    assert "&lt;script&gt;alert(" in glossary
    # The search index holds text, never live markup from a summary.
    assert docs and all("<script>" not in d["text"] for d in docs)


def test_five_megabyte_page_builds_and_links_once(make_project):
    paragraph = "分布式系统里的脑裂会让两个主节点同时写入数据，运维需要设置法定人数并监控心跳。" * 4
    body = "# 大页面\n\n" + "\n\n".join(f"## 第 {i} 节\n\n{paragraph}" for i in range(12_000))
    assert len(body.encode()) > 5_000_000
    project = make_project(
        {
            "index.md": page_md("首页"),
            "def.md": term_page("定义页", "脑裂"),
            "big.md": page_md("大页面", body),
        }
    )
    result = run_build(project)
    assert result.returncode == 0, _output(result)
    html = (project / "site" / "big" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="autolink"') == 1  # first occurrence only, on a 5 MB page


def test_tag_outside_the_vocabulary_names_file_and_tag(make_project):
    project = make_project(
        {
            "index.md": page_md("首页", tags="[Docker]"),  # in the real vocabulary (inherited mkdocs.yml)
            "ops/k8s.md": page_md("集群", tags="[Kubernetes, 容器编排]"),
        }
    )
    out = _assert_fails_with(run_build(project), "ops/k8s.md: tag '容器编排' is not in the tag vocabulary")
    assert "docs/about/authoring.md#tags" in out and "index.md: tag" not in out


def test_broken_vocabulary_names_mkdocs_yml(make_project):
    project = make_project(
        {"index.md": page_md("首页")},
        config="""\
        extra:
          tags_vocabulary:
            运维: ""
        """,
    )
    _assert_fails_with(run_build(project), "mkdocs.yml: 'extra.tags_vocabulary.运维' must say what the tag covers")
