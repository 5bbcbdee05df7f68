"""Content checks for the linux and networking categories (issue 6)."""

from __future__ import annotations

import re

import pytest
from contentlib import (
    DOCS,
    body,
    correction_blocks,
    declared_terms,
    front_matter,
    junk_hits,
    pages,
    rel,
    topic_pages,
    without_corrections,
)

CATEGORIES = ["linux", "networking"]
MIN_PAGES = {"linux": 10, "networking": 10}

# Strings removed from the raw notes: scraping junk, OCR damage, typos. They must not
# appear anywhere in the pages.
JUNK = [
    # scraping / export junk
    "</pre>",
    "<sup>",
    "版权声明:本文为CSDN博主",
    "三讨一",
    # OCR damage and typos (004)
    "ningx",
    "gizp",
    "nginxd",
    "keeplive",
    "chkonfig",
    "搜素",
    "服务段",
    "黏发出请求",
    "ldirectd ",
    "可以通过11命令",
    "软件链可以",
    "一个一个硬链接",
    "seq 10 |paste",
    "$[HEAD-RABBIT]",
    "startssl 就是个不错的选择",
    "所以一共是12 个包",
]

# Mistyped commands and wrong statements from the notes. They may only be quoted inside a
# `!!! warning "勘误"` block that corrects them, never in the page text itself.
QUOTED_ONLY_IN_CORRECTIONS = [
    "RJECT",
    "kernal",
    "unip -c",
    "socr -nr",
    "hesd",
    "netwark",
    "ASK=1",
    "-RINPUT",
    "--src -range",
    " rl_param",
    "Visual IP",
    "-s 2.16.0.100",
    "chroot/sysroot",
    "* /10 0 * *",
    " PRE_ROUTING",
    " POST_ROUTING",
    "(POST_ROUTING",
    "-s 0.0.0.0 -j",
    "-j drop",
    "-j accept",
    "握手的目的主要是确认通信安全",
    "删除软链接文件，会把原文件删除",
]

# Terms this scope must declare, each exactly once across the whole site.
REQUIRED_TERMS = [
    "rd.break",
    "initramfs",
    "systemd",
    "运行级别",
    "chkconfig",
    "awk",
    "top",
    "平均负载",
    "僵尸进程",
    "inode",
    "硬链接",
    "软链接",
    "进程",
    "线程",
    "tcpdump",
    "tar",
    "cron",
    "网关",
    "虚拟网络",
    "虚拟网卡",
    "veth pair",
    "netfilter",
    "iptables",
    "五表五链",
    "NAT",
    "连接跟踪",
    "ARP",
    "三次握手",
    "四次挥手",
    "TIME-WAIT",
    "HTTP",
    "HTTPS",
    "TLS",
    "数字证书",
    "负载均衡",
    "四层负载均衡",
    "七层负载均衡",
    "Nginx",
    "LVS",
    "HAProxy",
    "Keepalived",
    "惊群效应",
    "TCP keepalive",
]

# Diagrams the issue asks for (minimum list).
MERMAID_PAGES = [
    "networking/iptables.md",
    "networking/tcp-handshake.md",
    "networking/http-vs-https.md",
    "networking/l4-vs-l7-load-balancing.md",
    "networking/nginx-lvs-haproxy.md",
    "linux/boot-sequence.md",
]

# Pages built from interview-style questions in the notes.
QUESTION_PAGES = [
    "linux/root-password-reset.md",
    "linux/top.md",
    "linux/hard-and-soft-links.md",
    "linux/awk.md",
    "linux/shell-scripts.md",
    "linux/tcpdump.md",
    "linux/tar.md",
    "linux/network-traffic.md",
    "linux/autostart.md",
    "networking/tcp-handshake.md",
    "networking/http-vs-https.md",
    "networking/l4-vs-l7-load-balancing.md",
    "networking/nginx-lvs-haproxy.md",
    "networking/nginx-tuning.md",
    "networking/iptables.md",
]

# Corrections the issue names explicitly: page -> text that must be in a 勘误 block.
CORRECTIONS = {
    "linux/hard-and-soft-links.md": ["原文件完好", "root 也不例外"],
    "linux/root-password-reset.md": ["chroot/sysroot", "passwd"],
    "linux/autostart.md": ["/etc/inittab"],
    "networking/iptables.md": ["路由判断", "0.0.0.0/0", "区分大小写"],
    "networking/tcp-handshake.md": ["TIME-WAIT", "不提供任何认证或加密"],
    "networking/nginx-tuning.md": ["1.11.3"],
    "networking/http-vs-https.md": ["Let's Encrypt", "会话密钥"],
}

ALL = [p for c in CATEGORIES for p in pages(c)]
TOPICS = [p for c in CATEGORIES for p in topic_pages(c)]
_ADMONITION = re.compile(r'^(?:!!! warning "勘误"|\?\?\? note "勘误：[^"]+")\n((?:    .*\n|\n)+)', re.MULTILINE)


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_has_pages(category):
    assert len(topic_pages(category)) >= MIN_PAGES[category], category


def test_no_junk():
    assert junk_hits(ALL, JUNK) == []


@pytest.mark.parametrize("path", TOPICS, ids=rel)
def test_wrong_strings_only_quoted_in_corrections(path):
    text = without_corrections(body(path))
    assert [s for s in QUOTED_ONLY_IN_CORRECTIONS if s in text] == []


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_required_term_declared_once(term):
    where = declared_terms().get(term, [])
    assert len(where) == 1, f"{term!r} declared in {where}"
    assert where[0].split("/")[0] in CATEGORIES


def test_term_count_and_fields():
    count = 0
    for path in TOPICS:
        text = body(path)
        for name, spec in (front_matter(path).get("terms") or {}).items():
            count += 1
            assert spec.get("summary"), f"{name}: summary"
            assert isinstance(spec.get("aliases"), list) and spec["aliases"], f"{name}: aliases"
            assert re.fullmatch(r"[a-z0-9-]+", spec.get("anchor", "")), f"{name}: ASCII anchor"
            assert f"{{#{spec['anchor']}}}" in text, f"{name}: anchor heading missing"
    assert count >= 40, count


def test_aliases_do_not_shadow_other_terms():
    names = {n.lower() for n in declared_terms()}
    for path in TOPICS:
        for name, spec in (front_matter(path).get("terms") or {}).items():
            for alias in spec.get("aliases") or []:
                assert alias.lower() not in names or alias.lower() == name.lower(), (
                    f"{name}: alias {alias!r} is a term"
                )
                assert alias.lower() != name.lower(), f"{name}: alias {alias!r} repeats the term"


@pytest.mark.parametrize("rel", MERMAID_PAGES)
def test_required_diagrams(rel):
    assert "```mermaid" in body(DOCS / rel), rel


@pytest.mark.parametrize("rel", QUESTION_PAGES)
def test_self_test_questions(rel):
    assert '??? question "' in body(DOCS / rel), rel


@pytest.mark.parametrize("rel", sorted(CORRECTIONS))
def test_corrections_present(rel):
    blocks = "".join(correction_blocks(body(DOCS / rel)))
    assert blocks, f"{rel}: no 勘误 block"
    for needle in CORRECTIONS[rel]:
        assert needle in blocks, f"{rel}: 勘误 lacks {needle!r}"


def test_top_sample_output_and_field_table():
    text = body(DOCS / "linux/top.md")
    assert "load average:" in text and "%Cpu(s):" in text
    for field in ["VIRT", "RES", "SHR", "%CPU", "TIME+", "wa", "si", "st"]:
        assert f"`{field}`" in text, field


# Troubleshooting (issue 15): the exact messages tools print, so a reader who pastes one finds the page.
QUOTED_MESSAGES = {
    "networking/nginx-lvs-haproxy.md": [
        "502 Bad Gateway",
        "504 Gateway Time-out",
        "upstream timed out (110: Connection timed out)",
        "connect() failed (111: Connection refused) while connecting to upstream",
    ],
    "networking/http-vs-https.md": [
        "x509: certificate signed by unknown authority",
        "x509: certificate has expired or is not yet valid",
        "SSL certificate problem: unable to get local issuer certificate",
        "NET::ERR_CERT_AUTHORITY_INVALID",
    ],
    "networking/iptables.md": ["Connection refused", "No route to host", "Connection timed out"],
    "networking/tcp-handshake.md": ["Connection refused"],
    "networking/gateway.md": ["ping: connect: Network is unreachable"],
}


@pytest.mark.parametrize("rel", sorted(QUOTED_MESSAGES))
def test_troubleshooting_messages_quoted_in_running_text(rel):
    text = without_corrections(body(DOCS / rel))
    missing = [m for m in QUOTED_MESSAGES[rel] if f"`{m}" not in text and m not in text]
    assert missing == [], f"{rel} no longer quotes {missing}"
