"""Content checks for the docker and kubernetes categories (issue 5)."""

from __future__ import annotations

import re

import pytest
import yaml
from contentlib import (
    DOCS,
    body,
    corrections_text,
    front_matter,
    junk_hits,
    pages,
    rel,
    topic_pages,
    without_corrections,
)

CATEGORIES = ["docker", "kubernetes"]
MIN_PAGES = {"docker": 15, "kubernetes": 15}
MIN_TERMS = 55

# Strings removed from the raw notes (scraping junk, OCR damage, typos, dead figure
# links). They must not appear anywhere in the pages.
JUNK = [
    # CSDN page UI junk at the end of 002
    "点赞",
    "一键收藏",
    "觉得还不错",
    "相关推荐",
    "红包",
    "扫码支付",
    "抵扣说明",
    "成就一亿技术人",
    "hope_wisdom",
    "前往充值",
    # tracking parameters of the 003 source link
    "utm_",
    "gk_cus_user_wechat",
    # dead image links of 003
    "img/cloudNative",
    "WX2022",
    # Wikipedia table junk and stray HTML of 004
    "</pre>",
    "<sup>",
    "[70]",
    "[71]",
    "Legend:",
    "Latest preview version",
    # typos and OCR damage
    "Dcoekr",
    "docke 网络",
    "Sysdis",
    "kuberlet",
    "laberselecter",
    "reconciltion",
    "安裝代码",
    "扫clair描",
    "不满住",
    "空器间",
    "冲容",
    "低性能较低",
    "更的损耗",
    "10网卡",
    "在网一个网络",
    "终止信,",
    "容器可宿主机",
    "迭在一起",
    "更过虚拟机",
    "不通的Namespace",
    "Dockerignore文件",
    "Int setns",
    "\\_",
    # en dashes instead of "--" in options
    "–mount",
    "–build",
    "–target",
]

# Mistyped commands and wrong statements from the notes: allowed only when quoted inside a
# correction block (`??? note "勘误：…"`) that corrects them.
QUOTED_ONLY_IN_CORRECTIONS = [
    "docker -idt",
    "{ { .State.Pid }}",
    "docker cp file1 :/file-to-path",
    "apt-key add",
    "servers 插件",
    "labelseleter",
    "总是从指定的仓库中获取镜像",
    "共享存储、网络、PID",
    "每 10 秒发送一次",
    "从 0.7 以后",
    "version: '3.8'",
    "Server、Engine 和 Job",
]

# Pages whose notes contained interview-style questions: each needs a self-test block.
QUESTION_PAGES = [
    "docker/containers-and-docker.md",
    "docker/docker-vs-vm.md",
    "docker/docker-vs-kubernetes.md",
    "docker/namespace.md",
    "docker/network-modes.md",
    "kubernetes/pod.md",
    "kubernetes/architecture.md",
    "kubernetes/service-and-ingress.md",
    "kubernetes/image-pull-policy.md",
    "kubernetes/node-notready.md",
    "kubernetes/best-practices.md",
    "kubernetes/affinity.md",
    "kubernetes/alerting.md",
    "kubernetes/overview.md",
]

# Pages that must carry a correction of a wrong statement in the notes.
CORRECTION_PAGES = [
    "docker/runtime-and-oci.md",
    "docker/docker-run-and-storage.md",
    "docker/docker-cli.md",
    "docker/dockerfile.md",
    "docker/multi-stage-build.md",
    "docker/docker-compose.md",
    "docker/daemon.md",
    "docker/hyperkit.md",
    "docker/install-ubuntu.md",
    "kubernetes/pod.md",
    "kubernetes/image-pull-policy.md",
    "kubernetes/best-practices.md",
    "kubernetes/node-notready.md",
    "kubernetes/cni-and-calico.md",
    "kubernetes/versions.md",
    "kubernetes/alerting.md",
]

# Pages that must contain a Mermaid diagram (the minimum list of the issue and more).
MERMAID_PAGES = [
    "docker/docker-vs-vm.md",
    "docker/network-modes.md",
    "docker/multi-stage-build.md",
    "docker/namespace.md",
    "kubernetes/architecture.md",
    "kubernetes/pod.md",
    "kubernetes/node-notready.md",
    "kubernetes/image-pull-policy.md",
]

# Key concepts of this scope: each must be declared by exactly one page in scope.
REQUIRED_TERMS = {
    "容器", "Docker", "虚拟机", "Linux Namespace", "Cgroup", "联合文件系统", "OverlayFS",
    "OCI", "runC", "containerd", "容器镜像", "Dockerfile", "多阶段构建", "Docker Compose",
    "bridge 网络模式", "host 网络模式", "none 网络模式", "container 网络模式", "Docker 自定义网络",
    "Docker Daemon", "HyperKit", ".dockerignore",
    "Kubernetes", "Pod", "pause 容器", "Kubernetes Service", "Ingress", "Kubernetes Deployment", "CNI", "Calico",
    "Istio", "Helm", "kubeadm", "kubectl", "镜像拉取策略", "Sysdig", "CrashLoopBackOff",
    "NotReady", "Pod 亲和性", "Pod 反亲和性", "CRI", "dockershim", "kubelet",
}

# Terms owned by other scopes: pages here may mention them but must not declare them.
FOREIGN_TERMS = {"etcd", "API 网关", "时钟回拨", "网关", "云原生"}


def scope_pages():
    return [p for c in CATEGORIES for p in pages(c)]


def scope_topics():
    return [p for c in CATEGORIES for p in topic_pages(c)]


def declared_terms(paths):
    """(term, page, spec) for every term declared by the given pages."""
    out = []
    for path in paths:
        for name, spec in (front_matter(path).get("terms") or {}).items():
            out.append((name, path, spec))
    return out


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_has_enough_pages(category):
    assert len(topic_pages(category)) >= MIN_PAGES[category]


def test_no_junk_strings():
    assert junk_hits(scope_pages(), JUNK) == []


@pytest.mark.parametrize("path", scope_pages(), ids=rel)
def test_wrong_statements_only_inside_corrections(path):
    text = without_corrections(body(path))
    assert [s for s in QUOTED_ONLY_IN_CORRECTIONS if s in text] == []


@pytest.mark.parametrize("path", scope_pages(), ids=rel)
def test_yaml_examples_parse(path):
    for block in re.findall(r"^```yaml\n(.*?)^```", body(path), re.DOTALL | re.MULTILINE):
        if "{{" in block:  # Helm templates are not plain YAML
            continue
        list(yaml.safe_load_all(block))


@pytest.mark.parametrize("page", QUESTION_PAGES)
def test_self_test_questions(page):
    assert '??? question "' in body(DOCS / page)


@pytest.mark.parametrize("page", CORRECTION_PAGES)
def test_corrections_present(page):
    assert corrections_text(body(DOCS / page)).strip()


@pytest.mark.parametrize("page", MERMAID_PAGES)
def test_mermaid_diagrams(page):
    assert "```mermaid" in body(DOCS / page)


def test_term_count():
    assert len(declared_terms(scope_topics())) >= MIN_TERMS


def test_required_terms_declared_once():
    names = [name for name, _, _ in declared_terms(scope_pages())]
    missing = REQUIRED_TERMS - set(names)
    dupes = {n for n in names if names.count(n) > 1}
    assert not missing and not dupes, (missing, dupes)


def test_foreign_terms_not_declared():
    names = {name for name, _, _ in declared_terms(scope_pages())}
    assert names & FOREIGN_TERMS == set()


@pytest.mark.parametrize("path", scope_topics(), ids=rel)
def test_term_fields_and_anchors(path):
    text = body(path)
    ids = set(re.findall(r"\{#([A-Za-z0-9_-]+)\}", text))
    for name, spec in (front_matter(path).get("terms") or {}).items():
        assert spec.get("summary", "").endswith("。"), name
        assert isinstance(spec.get("aliases", []), list), name
        assert spec.get("anchor") in ids, f"{name}: anchor {spec.get('anchor')!r} missing"


def test_terms_unique_across_site():
    """No term or alias of this scope collides with a term or alias declared elsewhere."""
    ours = declared_terms(scope_pages())
    others = declared_terms([p for p in DOCS.rglob("*.md") if p.parent.name not in CATEGORIES])
    other_names = {n.lower() for n, _, _ in others}
    other_aliases = {a.lower() for _, _, s in others for a in (s.get("aliases") or [])}
    our_names = {n.lower() for n, _, _ in ours}
    clashes = []
    for name, path, spec in ours:
        if name.lower() in other_names | other_aliases:
            clashes.append(f"{rel(path)}: term {name}")
        for alias in spec.get("aliases") or []:
            if alias.lower() in other_names or (alias.lower() in our_names and alias.lower() != name.lower()):
                clashes.append(f"{rel(path)}: alias {alias}")
    assert clashes == []
