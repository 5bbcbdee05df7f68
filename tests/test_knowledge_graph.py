"""Real builds of small projects: glossary, autolinks, backlinks, question index, warnings (issue 7)."""

from __future__ import annotations

import re

import pytest
from conftest import page_md, run_build, write_project
from kb.htmlwalk import Walker, tokenize
from kb.linker import is_forbidden
from kb.linkpolicy import article_of
from kb.searchshards import read_documents

pytestmark = pytest.mark.slow

CONTAINERS = """\
---
title: 容器概述
description: 容器与 Docker。
terms:
  容器:
    summary: 用 Namespace 隔离的一组进程。
    aliases: [container]
    anchor: container
  Docker:
    summary: 'Docker 平台 <script>alert("x")</script> & "引号"'
    aliases: [docker]
    anchor: docker
  Docker Compose:
    summary: 用一个 YAML 文件编排多个容器的工具。
    anchor: compose
---

# 容器概述

## 容器是什么 {#container}

容器就是进程。Pod 里可以有多个容器。

## Docker {#docker}

Docker 是容器平台，和 Pod 一起用。

## Compose {#compose}

用 Docker Compose 编排。

??? question "容器和虚拟机有什么区别？"
    容器共享内核。
"""

POD = """\
---
title: Pod 详解
description: Pod 是什么。
terms:
  Pod:
    summary: Kubernetes 调度的最小单位，一组共享网络的容器。
    anchor: pod
    case_sensitive: true
---

# Pod 详解

## Pod {#pod}

Pod 里运行容器，容器由 Docker Compose 创建，

或者由 docker 创建；pod 小写不链接。

{filler}

## 容器的标题

`docker run` 不链接，<kbd>Docker</kbd> 也不。

```bash
docker ps  # 容器
```

!!! note "容器 提示"
    正文里的 container 已经链接过。

??? question "Pod 和容器是什么关系？"
    Pod 包含容器。

??? question "Pod 和容器是什么关系？ {#pod-again}"
    重复的问题写一个显式 id（同页同文的两题否则共用一个卡片 id，构建会警告）。

[手写链接](../docker/containers.md#docker)
"""

HOME = """\
---
title: 首页
description: 首页。
---

# 首页

[术语表](glossary.md) · [面试题索引](interview.md)

<!-- kb:questions -->
"""

CONFIG = """\
extra:
  categories: [docker, kubernetes]
"""


# Enough prose that the topic-page link budget (kb.linkpolicy) allows every link above.
FILLER = "这一段只是正文，让页面的术语链接占正文的比例保持在上限以内。" * 15


def files():
    return {
        "index.md": HOME,
        "docker/index.md": page_md("容器与 Docker", "# 容器与 Docker\n\n- [容器概述](containers.md)\n"),
        "docker/containers.md": CONTAINERS,
        "kubernetes/index.md": page_md("Kubernetes", "# Kubernetes\n\n- [Pod 详解](pod.md)\n"),
        "kubernetes/pod.md": POD.replace("{filler}", FILLER),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("kg") / "project", files(), CONFIG)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def article(site, path):
    return article_of((site / path).read_text(encoding="utf-8"))


def autolinks(fragment):
    """(text, href, title) of each autolink, in page order."""
    out, current = [], None
    for token in tokenize(fragment):
        if token.kind == "start" and token.tag == "a" and "autolink" in token.classes:
            current = [token.attr("href"), token.attr("title"), ""]
        elif token.kind == "text" and current is not None:
            current[2] += token.text
        elif token.kind == "end" and token.tag == "a" and current is not None:
            out.append((current[2], current[0], current[1]))
            current = None
    return out


def test_autolinks_on_pod_page(site):
    links = autolinks(article(site, "kubernetes/pod/index.html"))
    assert [(text, href) for text, href, _ in links] == [
        ("容器", "../../docker/containers/#container"),
        ("Docker Compose", "../../docker/containers/#compose"),
        ("docker", "../../docker/containers/#docker"),
    ]
    assert links[2][2] == 'Docker 平台 <script>alert("x")</script> & "引号"'


def test_no_autolink_in_forbidden_places_and_no_self_links(site):
    for path in ("kubernetes/pod/index.html", "docker/containers/index.html", "index.html"):
        walker = Walker(is_forbidden)
        for token in tokenize(article(site, path)):
            if token.kind == "start" and "autolink" in token.classes:
                assert not walker.blocked, (path, walker.open_tags)
            walker.visit(token)
    containers = autolinks(article(site, "docker/containers/index.html"))
    assert [(text, href) for text, href, _ in containers] == [("Pod", "../../kubernetes/pod/#pod")]


def test_summary_is_escaped_in_the_tooltip_and_glossary(site):
    pod = (site / "kubernetes/pod/index.html").read_text(encoding="utf-8")
    assert (
        'title="Docker 平台 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;引号&quot;"' in pod
    )
    glossary = article(site, "glossary/index.html")
    assert "<script>alert" not in glossary
    assert 'Docker 平台 &lt;script&gt;alert("x")&lt;/script&gt; &amp; "引号"' in glossary
    docs = read_documents(site / "search")
    assert docs and not any("<script>alert" in doc["text"] for doc in docs)


def test_glossary_lists_every_term_once_grouped_with_referrers(site):
    glossary = article(site, "glossary/index.html")
    assert re.findall(r'<h2 id="([^"]+)"', glossary) == ["letter-d", "letter-p", "letter-r"]
    assert re.findall(r"<dt id=\"[^\"]+\"[^>]*><a [^>]*>([^<]+)</a></dt>", glossary) == [
        "Docker",
        "Docker Compose",
        "Pod",
        "容器",
    ]
    docker = glossary[glossary.index(">Docker</a></dt>") : glossary.index(">Docker Compose</a></dt>")]
    assert "别名" not in docker  # 'docker' only re-spells the name: it matches, it is not shown
    assert 'data-match="Docker\ndocker"' in glossary
    assert '定义：<a href="../docker/containers/#docker">容器概述</a>' in docker
    assert '引用：<a href="../kubernetes/pod/">Pod 详解</a>' in docker
    pod = glossary[glossary.index(">Pod</a></dt>") :]
    assert '引用：<a href="../docker/containers/">容器概述</a>' in pod
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/"' in nav


def test_backlinks_block(site):
    containers = article(site, "docker/containers/index.html")
    block = containers[containers.index('id="backlinks"') :]
    assert "引用本页的页面" in block
    # The category index (../) links here too, but listing pages do not count as referrers.
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', block) == [
        ("../../kubernetes/pod/", "Pod 详解"),
    ]
    # The sentence around Pod 详解's first link here, the linked words marked.
    assert '<span class="kb-backlinks__context">Pod 里运行<mark>容器</mark>，' in block
    full = (site / "docker/containers/index.html").read_text(encoding="utf-8")
    assert 'href="#backlinks"' in full  # in the table of contents
    assert 'id="backlinks"' not in article(site, "glossary/index.html")


def test_question_ids_index_and_home_counts(site):
    pod = article(site, "kubernetes/pod/index.html")
    assert re.findall(r'<details class="question" id="([^"]+)"', pod) == [
        "q-pod-和容器是什么关系",
        "pod-again",
    ]
    assert "{#pod-again}" not in pod  # the explicit id is not part of the visible title
    interview = article(site, "interview/index.html")
    assert re.findall(r'<h2 id="([^"]+)"', interview) == ["docker", "kubernetes"]
    assert re.findall(r'<li><a href="([^"]+)">', interview) == [
        "../docker/containers/#q-容器和虚拟机有什么区别",
        "../kubernetes/pod/#q-pod-和容器是什么关系",
        "../kubernetes/pod/#pod-again",
    ]
    home = article(site, "index.html")
    assert "kb:questions" not in home
    assert re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td[^>]*>(\d+)</td></tr>', home) == [
        ("interview/#docker", "容器与 Docker", "1"),
        ("interview/#kubernetes", "Kubernetes", "2"),
    ]


def test_two_builds_are_identical(site, tmp_path):
    project = site.parent
    again = tmp_path / "again"
    result = run_build(project, site_dir=again)
    assert result.returncode == 0, result.stderr
    for name in ("glossary/index.html", "interview/index.html", "kubernetes/pod/index.html", "index.html"):
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


def warning_lines(result):
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARNING")]


def test_duplicate_terms_fail_strict_with_one_line_each(make_project):
    project = make_project(
        {
            "index.md": page_md("首页", "# 首页\n"),
            "a.md": page_md(
                "甲",
                "# 甲\n\n## 脑裂 {#sb}\n",
                terms="{脑裂: {summary: 一句。, anchor: sb, aliases: [split brain]}}",
            ),
            "b.md": page_md(
                "乙",
                "# 乙\n\n## x {#x}\n",
                terms="{脑裂: {summary: 另一句。, anchor: x},"
                " 分区: {summary: s, anchor: x, aliases: [Split Brain]}}",
            ),
        }
    )
    result = run_build(project)
    assert result.returncode == 1
    assert warning_lines(result) == [
        "WARNING -  hooks/glossary: b.md: term '脑裂' is already declared as a term in a.md",
        "WARNING -  hooks/glossary: b.md: alias 'Split Brain' of term '分区' is already declared"
        " as an alias of term '脑裂' in a.md",
    ]
    assert "Traceback" not in result.stderr
