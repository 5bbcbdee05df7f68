"""Content checks for the middleware, databases and devops categories and the Ethereum page (issue 4)."""

from __future__ import annotations

import re

import pytest
from contentlib import (
    DOCS,
    body,
    correction_blocks,
    front_matter,
    junk_hits,
    pages,
    rel,
    topic_pages,
    without_corrections,
)

CATEGORIES = ["middleware", "databases", "devops"]
# The one page of the former category 「其他」 now lives in distributed/ (issue 15).
EXTRA_PAGES = ["distributed/ethereum.md"]
MIN_PAGES = {"middleware": 10, "databases": 5, "devops": 9}
MIN_TERMS = 45

# Strings removed from the raw notes (OCR damage, typos, escaped-markup junk, wrong
# commands). None of them may appear in the pages.
JUNK = [
    "kafak",  # 004 heading 「kafak的优点」
    "Partiton",  # 004 typo of Partition
    "Rabbitmq",  # 004 spelling of RabbitMQ
    "<math>",  # 004 OCR junk in the mysqldump command
    "sq1",  # 004 OCR of 「sql线程」
    "mysq1",  # 004 OCR of mysql
    "Mysql3306",  # 004 「监控Mysql3306连接线程」
    ".sql.qz",  # 004 typo of .sql.gz
    "-p 3306",  # 004 port given with lower-case -p
    "-p123456",  # 004 password on the command line
    "--database cmdb",  # 004 should be --databases
    "奔溃",  # 004 typo of 崩溃
    "事物更新",  # 004 typo of 事务
    "性能比o",  # 004 OCR: o for 0
    "oS的缓冲区",  # 004 OCR of OS
    "\\_",  # 004 escaped underscores from the export
    "\\*\\*",  # 004 escaped bold markers
    "服务文档",  # 001 release table, garbled 「服务稳定」
    "repostiory",  # 001 typo (not in scope, but never again)
    "Sniffing\nhttps",  # 001 bare heading + link line
    "2.4.1.3",  # 004 stray numbering of the copied book chapter
    "2.4.1.4",
    "utm_",  # tracking parameters
]

# Statements the notes got wrong: pages must carry the corrected fact.
REQUIRED_CORRECTIONS = {
    "middleware/kafka.md": ["抢先体验", "3.3", "4.0"],
    "middleware/consul-etcd.md": ["线性一致"],
    "middleware/zookeeper.md": ["脑裂"],
    "middleware/nacos.md": ["HPA"],
    "middleware/redis.md": ["RSALv2"],
    "databases/mysql-optimization.md": ["5.7.7"],
    "databases/mysql-replication.md": ["SHOW REPLICA STATUS"],
    "databases/mysqldump-backup.md": ["-P", "--databases", ".sql.gz", "ps"],
    "devops/release-strategies.md": ["A/B"],
    "devops/cloud-native.md": ["持续部署"],
    "devops/swagger.md": ["OpenAPI"],
    "distributed/ethereum.md": ["权益证明", "2025"],
}

# Diagrams the issue asks for, as (page, word that must appear inside a mermaid block).
REQUIRED_DIAGRAMS = [
    ("databases/mysql-replication.md", "relay log"),
    ("devops/release-strategies.md", "蓝绿"),
    ("middleware/message-queue.md", "消息队列"),
    ("middleware/zookeeper.md", "Discovery"),
    ("devops/safe-change-pipeline.md", "自动回滚"),
]

REQUIRED_TERMS = [
    "消息队列", "削峰填谷", "半消息", "RabbitMQ", "Kafka", "KRaft", "Redis", "ZooKeeper", "ZAB",
    "zxid", "Nacos", "服务注册与发现", "配置中心", "Consul", "etcd", "Elasticsearch", "嗅探", "ELK",
    "MySQL 复制", "binlog", "中继日志", "innodb_flush_log_at_trx_commit", "sync_binlog", "读写分离",
    "mysqldump", "Zabbix", "配置管理", "回归测试", "灰度发布", "蓝绿部署", "A/B 测试", "发布回滚",
    "DevOps", "SRE", "SLO", "Grafana", "Makefile", "Swagger", "云原生", "云计算", "平台工程",
    "以太坊", "ethers.js", "web3.js",
]

_FENCE_OPEN = re.compile(r"^(\s*)```(.*)$")
_MERMAID = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)


def scope_pages():
    return [p for c in CATEGORIES for p in pages(c)] + [DOCS / p for p in EXTRA_PAGES]


def scope_topic_pages():
    return [p for c in CATEGORIES for p in topic_pages(c)] + [DOCS / p for p in EXTRA_PAGES]


def fences(text):
    """(indent, info string, content) of every fenced block."""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if m:
            indent, info = m.group(1), m.group(2).strip()
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            out.append((indent, info, "\n".join(line[len(indent):] for line in lines[i + 1 : j])))
            i = j + 1
        else:
            i += 1
    return out


def all_terms():
    """{page: {term: spec}} for the whole site."""
    found = {}
    for path in DOCS.rglob("*.md"):
        try:
            meta = front_matter(path)
        except AssertionError:
            continue
        found[rel(path)] = meta.get("terms") or {}
    return found


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_has_enough_pages(category):
    assert len(topic_pages(category)) >= MIN_PAGES[category]


def test_no_junk_strings():
    assert junk_hits(scope_pages(), JUNK) == []


@pytest.mark.parametrize("path", scope_topic_pages(), ids=rel)
def test_every_topic_page_has_self_test(path):
    assert '??? question "' in body(path)


@pytest.mark.parametrize("page,words", sorted(REQUIRED_CORRECTIONS.items()))
def test_corrections_present(page, words):
    text = body(DOCS / page)
    blocks = "\n".join(correction_blocks(text))
    assert blocks, f"{page} has no 勘误 block"
    for word in words:
        assert word in blocks, f"{page}: 勘误 does not mention {word!r}"


@pytest.mark.parametrize("page,word", REQUIRED_DIAGRAMS)
def test_required_diagrams(page, word):
    diagrams = _MERMAID.findall(body(DOCS / page))
    assert any(word in d for d in diagrams), f"{page}: no mermaid diagram mentioning {word!r}"


def test_terms_well_formed_and_anchored():
    count = 0
    for path in scope_topic_pages():
        text = body(path)
        for name, spec in (front_matter(path).get("terms") or {}).items():
            count += 1
            assert spec.get("summary", "").strip(), f"{name}: no summary"
            assert spec.get("aliases"), f"{name}: no aliases"
            assert "{#" + spec["anchor"] + "}" in text, f"{name}: anchor {spec['anchor']} not in {rel(path)}"
    assert count >= MIN_TERMS


def test_required_terms_declared():
    declared = {name for p in scope_topic_pages() for name in (front_matter(p).get("terms") or {})}
    missing = [t for t in REQUIRED_TERMS if t not in declared]
    assert missing == []


def test_terms_and_aliases_unique_across_site():
    owners = {}
    for page, terms in all_terms().items():
        for name, spec in terms.items():
            for key in [name, *(spec.get("aliases") or [])]:
                owners.setdefault(str(key).strip().lower(), set()).add(page)
    mine = {rel(p) for p in scope_topic_pages()}
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1 and v & mine}
    assert clashes == {}



def test_consul_load_balancing_and_failover_from_note_001_restored():
    # Note 001 names load balancing and failover among Consul's features; issue 15 found them dropped twice.
    text = without_corrections(body(DOCS / "middleware/consul-etcd.md"))
    assert "{#consul-load-balancing}" in text
    for fact in ["负载均衡", "故障转移", "prepared query", "service-resolver"]:
        assert fact in text, f"consul-etcd.md lost {fact!r} outside its corrections"


# Troubleshooting (issue 15): the exact messages MySQL prints.
QUOTED_MESSAGES = {
    "databases/mysql-replication.md": [
        "Last_IO_Error: Got fatal error 1236 from source when reading data from binary log",
        "Authentication plugin 'caching_sha2_password' reported error: Authentication requires secure connection.",
        "Last_SQL_Error: Could not execute Write_rows event",
    ],
    "databases/mysql-monitoring-zabbix.md": ["ERROR 1040 (HY000): Too many connections"],
    "databases/mysqldump-backup.md": ["when trying to dump tablespaces", "Got error: 1045: Access denied for user"],
    "middleware/elasticsearch.md": ["received plaintext http traffic on an https channel", "no Elasticsearch node available"],
    "middleware/redis.md": [
        "Could not connect to Redis at 127.0.0.1:6379: Connection refused",
        "NOAUTH Authentication required.",
        "WRONGPASS invalid username-password pair or user is disabled.",
    ],
}


@pytest.mark.parametrize("page", sorted(QUOTED_MESSAGES))
def test_troubleshooting_messages_quoted(page):
    text = without_corrections(body(DOCS / page))
    assert [m for m in QUOTED_MESSAGES[page] if m not in text] == []


def test_removed_mysqlpump_not_offered_as_a_backup_tool():
    # mysqlpump was removed in MySQL 8.4: the tool table must not list it, the text must say so.
    text = body(DOCS / "databases/mysqldump-backup.md")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "备份 |" in line]
    assert rows and not any("mysqlpump" in row for row in rows)
    assert "8.4" in text and "mysqlpump" in without_corrections(text)
