"""Real build of a small project: backlinks with context, 「相关页面」, the graph page and its data (issue 17)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import page_md, run_build, write_project
from kb.htmlwalk import text_content
from kb.linkpolicy import article_of
from kb.searchshards import read_documents

pytestmark = pytest.mark.slow

FILLERS = 30  # enough pages that a term three of them share counts as rare
PROSE = "其余正文。" * 40  # enough text that the link policy (kb.linkpolicy: a share of it) allows a term link

TERMS = """\
---
title: 镜像与容器
description: 术语页。
terms:
  镜像:
    summary: 只读的文件系统模板。
    anchor: image
  容器:
    summary: 隔离的进程。
    anchor: container
---

# 镜像与容器

## 镜像 {#image}

只读模板。

## 容器 {#container}

运行中的镜像。
"""


def files():
    out = {
        "index.md": page_md("首页", "# 首页\n\n[图谱](graph.md)\n"),
        "docker/index.md": page_md("Docker 分类", "# Docker 分类\n\n- [术语](terms.md)\n- [构建](build.md)\n"),
        "docker/terms.md": TERMS,
        "docker/build.md": page_md(
            "构建", f"# 构建\n\n第一句。用 Dockerfile 构建镜像，再推送到仓库。最后一句。\n\n{PROSE}\n"
        ),
        "kubernetes/pull.md": page_md("拉取 <b>", f"# 拉取\n\n节点拉取镜像。\n\n{PROSE}\n"),
        "kubernetes/run.md": page_md("运行", "# 运行\n\n[构建](../docker/build.md)之后运行。\n"),
    }
    listed = ["- [拉取](pull.md)", "- [运行](run.md)"]
    for i in range(FILLERS):
        out[f"kubernetes/f{i:02}.md"] = page_md(f"填充 {i:02}", f"# 填充 {i:02}\n\n无关内容。\n")
        listed.append(f"- [填充](f{i:02}.md)")
    out["kubernetes/index.md"] = page_md("Kubernetes 分类", "# Kubernetes 分类\n\n" + "\n".join(listed) + "\n")
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = write_project(
        tmp_path_factory.mktemp("graph") / "project", files(), "extra:\n  categories: [docker, kubernetes]\n"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def article(site, path):
    return article_of((site / path).read_text(encoding="utf-8"))


def section(html, anchor):
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start : end if end >= 0 else len(html)]


def test_backlinks_show_the_sentence_with_the_link_marked(site):
    block = section(article(site, "docker/terms/index.html"), "backlinks")
    entries = re.findall(r'<li><a href="([^"]+)">([^<]+)</a><span class="kb-backlinks__context">(.*?)</span>', block)
    assert entries == [
        ("../build/", "构建", "用 Dockerfile 构建<mark>镜像</mark>，再推送到仓库。"),
        ("../../kubernetes/pull/", "拉取 &lt;b&gt;", "节点拉取<mark>镜像</mark>。"),
    ]


def test_related_pages_share_a_rare_term_and_skip_linked_pages(site):
    pull = article(site, "kubernetes/pull/index.html")
    related = section(pull, "related")
    # build.md shares 镜像 with pull.md; terms.md is linked from the text, so it is not repeated.
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', related) == [("../../docker/build/", "构建")]
    assert "共同关联：镜像" in related
    assert 'data-kb-graph="local" data-kb-node="kubernetes/pull/"' in related
    full = (site / "kubernetes/pull/index.html").read_text(encoding="utf-8")
    assert 'href="#related"' in full  # in the table of contents
    # build.md is linked from run.md: a backlink there, so run.md is not "related" to build.md.
    build = article(site, "docker/build/index.html")
    assert "../../kubernetes/run/" in section(build, "backlinks")
    assert "../../kubernetes/run/" not in section(build, "related")
    # Listing pages and the generated pages get neither block.
    for path in ("index.html", "docker/index.html", "graph/index.html", "glossary/index.html"):
        assert 'id="related"' not in article(site, path), path


def test_related_blocks_stay_out_of_the_search_index(site):
    docs = read_documents(site / "search")
    assert docs and not any("共同关联" in doc["text"] or doc["title"] == "相关页面" for doc in docs)


def test_graph_data_lists_every_topic_page_and_term(site):
    data = json.loads((site / "assets/kb-graph.json").read_text(encoding="utf-8"))
    pages = {n["id"] for n in data["nodes"] if n["k"] == "p"}
    assert pages == {name[: -len(".md")] + "/" for name in files() if name.count("/") == 1 and "index" not in name}
    assert len(pages) == FILLERS + 4
    terms = {n["id"]: n for n in data["nodes"] if n["k"] == "t"}
    assert set(terms) == {"docker/terms/#image", "docker/terms/#container"}
    assert terms["docker/terms/#image"]["c"] == 0  # colour of the defining page's category
    ids = [n["id"] for n in data["nodes"]]
    edges = {(ids[i], ids[j]) for i, j in data["links"]}
    assert ("docker/build/", "docker/terms/#image") in edges  # a page links a term's definition
    assert ("docker/terms/", "docker/terms/#image") in edges  # a term belongs to its page
    assert ("docker/build/", "kubernetes/run/") in edges  # a hand-written link
    script = (site / "assets/kb-graph.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("window.__kbGraphData = ").rstrip().rstrip(";")) == data


def test_graph_page(site):
    page = article(site, "graph/index.html")
    assert "<h1" in page and "知识图谱" in page
    assert text_content(page).count("34 个页面、2 个术语") == 1
    assert re.findall(r'var\(--kb-graph-c(\d+)\)"></span>([^<]+)</li>', page) == [
        ("0", "Docker 分类"),
        ("1", "Kubernetes 分类"),
    ]
    assert 'data-kb-graph="global"' in page and 'type="search"' in page
    assert (site / "assets/javascripts/graph.js").is_file()
    assert (site / "assets/vendor/force-graph.min.js").is_file(), "run make vendor"


def test_graph_md_in_docs_is_reported(make_project):
    project = make_project({"index.md": page_md("首页"), "graph.md": page_md("我的图")})
    result = run_build(project)
    assert result.returncode == 1
    assert "graph.md: this file is generated by hooks/graph.py; remove it from docs/" in result.stdout + result.stderr


def test_missing_library_fails_strict(make_project):
    # A theme directory without overrides/assets/vendor/: what a checkout gives before `make vendor`.
    project = make_project({"index.md": page_md("首页"), "docker/a.md": page_md("甲")}, "theme:\n  custom_dir: bare\n")
    (project / "bare").mkdir()
    result = run_build(project)
    assert result.returncode == 1
    assert "force-graph is missing: run make vendor (needs npm)" in result.stdout + result.stderr
