"""The sharded search index (hooks/kb/searchshards.py): its tokenising agrees with web/search/text.js,
every posting is where the engine looks for it, and a build writes shards for http and for file://."""

from __future__ import annotations

import json
import random
import subprocess
from collections import Counter

import pytest
from conftest import ROOT, page_md, run_build
from kb.searchshards import (
    each_latin,
    han_counts,
    read_documents,
    shard_index,
    shard_script,
    write_shards,
)

DOCS = [
    {"location": "a/", "title": "Kafka 分区", "text": "<p>主题被拆成多个分区。</p>"},
    {"location": "a/#idem", "title": "幂等性", "text": "<p>生产者开启 enable.idempotence 后重试不重复。</p>",
     "tags": ["消息队列"]},
    {"location": "b/", "title": "Pods 调度", "text": "<p>kube-scheduler 为 Pod 选节点。</p>", "boost": 0.5},
    {"location": "b/#x", "title": "亲和性", "text": "<p>nodeAffinity 与 podAffinity。</p> <p>别名：亲和性、affinity</p>"},
]


def decode(stored):
    out, doc = {}, 0
    for i in range(0, len(stored), 3):
        doc += stored[i]
        out[doc] = (stored[i + 1], stored[i + 2])
    return out


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("分区分区", {"分": 2, "区": 2, "分区": 2, "区分": 1}),
        ("a分b区", {"分": 1, "区": 1}),
        ("ＡＢ", {}),
    ],
)
def test_han_counts(text, counts):
    assert han_counts(text) == Counter(counts)


def test_latin_terms_stem_and_keep_identifiers():
    assert [t for t, _ in each_latin("pods kube-proxy https")] == ["pod", "kube_proxy", "kube", "proxy", "https"]


def test_every_term_is_in_the_shard_the_engine_looks_in():
    copies = [{**d, "location": f"{k}/{d['location']}"} for k in range(40) for d in DOCS]  # several shards
    shards = shard_index({"config": {}, "docs": copies})
    keys = shards.manifest["terms"]
    assert keys == sorted(keys) and len(keys) > 1
    for i, key in enumerate(keys):
        terms = shards.files[f"t{i}"]
        assert min(terms) == key
        assert all(t < keys[i + 1] for t in terms) if i + 1 < len(keys) else True
    posting = {}
    for name, content in shards.files.items():
        if name.startswith("t"):
            posting.update(content)
    kafka = decode(posting["kafka"])
    assert set(kafka) == {4 * k for k in range(40)}  # the page "a/" in every copy
    assert kafka[0][0] > 0 and kafka[0][1] == 0  # in the title, not in the text
    assert decode(posting["幂等"])[1][0] > 0 and "idempotence" in posting and "enable_idempotence" in posting
    assert shards.manifest["pages"] == [2, 2] * 40
    assert "affinity" in shards.manifest["vocabulary"] and ["亲和性", "affinity"] in shards.manifest["synonyms"]


def test_documents_round_trip_through_the_shards(tmp_path):
    text = write_shards(json.dumps({"config": {"lang": ["zh"]}, "docs": DOCS}), tmp_path / "search" / "kb")
    (tmp_path / "search" / "search_index.json").write_text(text, encoding="utf-8")
    data = json.loads(text)
    assert data["docs"] == [] and data["config"]["lang"] == ["zh"] and data["config"]["kb"]["docs"] == 4
    assert read_documents(tmp_path / "search") == DOCS
    for path in (tmp_path / "search" / "kb").glob("*.json"):
        script = (path.with_suffix(".js")).read_text(encoding="utf-8")
        assert script == shard_script(path.stem, json.loads(path.read_text(encoding="utf-8")))
        assert script.startswith(f'__kbShard("{path.stem}",')


def test_python_and_javascript_cut_the_same_terms():
    rng = random.Random(13)
    alphabet = list("时钟回拨分区幂等性 kafkaPODS_-.ＡＢ1２https:/") + ["\u200b"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(300)]
    texts += ["Pods 调度与 kube-proxy", "CrashLoopBackOff 状态", "TLS 1.3，HTTP/2"]
    script = (
        'import { tokenize } from "./web/search/text.js"\n'
        "const texts = JSON.parse(process.argv[1])\n"
        "console.log(JSON.stringify(texts.map(t => [...new Set(tokenize(t))].sort())))\n"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(texts)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    js = json.loads(out.stdout)
    for text, want in zip(texts, js, strict=True):
        shards = shard_index({"config": {}, "docs": [{"location": "x/", "title": "", "text": text}]})
        got = sorted({t for name, c in shards.files.items() if name.startswith("t") for t in c})
        # the index compares Han text without spaces, so a bigram may span a space there
        spaced = {t for t in got if len(t) == 2 and t not in want and "".join(text.split()).find(t) >= 0}
        assert sorted(set(got) - spaced) == want, text


@pytest.mark.slow
def test_a_build_writes_shards_and_a_small_index(make_project):
    project = make_project({"index.md": page_md("首页", "# 首页\n\n## 时钟回拨 {#rollback}\n\n雪花算法遇到时钟回拨。\n")})
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    search = project / "site" / "search"
    manifest = json.loads((search / "search_index.json").read_text(encoding="utf-8"))["config"]["kb"]
    assert len(manifest["build"]) == 10
    names = {p.name for p in (search / "kb").iterdir()}
    assert {"t0.json", "t0.js", "d0.json", "d0.js"} <= names
    docs = read_documents(search)
    assert [d["location"] for d in docs][:2] == ["", "#rollback"] and manifest["docs"] == len(docs)
