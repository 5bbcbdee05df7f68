"""The sharded search index (hooks/kb/searchshards.py): its tokenising agrees with web/search/text.js,
every posting is where the engine looks for it, and a build writes shards for http and for file://."""

from __future__ import annotations

import json
import random
import re
import subprocess
import unicodedata
from collections import Counter

import pytest
from conftest import ROOT, page_md, run_build
from hypothesis import given
from hypothesis import strategies as st
from kb.search import SearchIndexError, correction_texts, load_colloquial, missing_words
from kb.searchshards import (
    each_latin,
    han_counts,
    normalize,
    pinyin_table,
    read_documents,
    read_manifest,
    shard_index,
    shard_script,
    split_display,
    top_blocks,
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


@given(st.text(alphabet=st.sampled_from(list("，：（）；？！、。ＡＢ１２①～\u3000\u200baA1中文é\u0301²ﬁ㎡ｶﾞ ")), max_size=16))
def test_normalize_is_nfkc_when_the_text_has_full_width_forms(text):
    want = unicodedata.normalize("NFKC", text) if re.search("[\u2460-\u24ff\u3000\uff01-\uffef]", text) else text
    assert normalize(text) == want.replace("\u200b", "").lower()


def test_latin_terms_stem_and_keep_identifiers():
    assert [t for t, _ in each_latin("pods kube-proxy https")] == ["pod", "kube_proxy", "kube", "proxy", "https"]


def test_every_term_is_in_the_shard_the_engine_looks_in():
    copies = [{**d, "location": f"{k}/{d['location']}"} for k in range(40) for d in DOCS]  # several shards
    shards = shard_index({"config": {}, "docs": copies})
    keys = shards.manifest["terms"]
    assert keys == sorted(keys) and len(keys) > 1
    for i, key in enumerate(keys):
        terms = {t: v for t, v in shards.files[f"t{i}"].items() if t}  # "": other names of words
        assert min(terms) == key
        assert all(t < keys[i + 1] for t in terms) if i + 1 < len(keys) else True
    posting = {}
    for name, content in shards.files.items():
        if name.startswith("t"):
            posting.update({t: v for t, v in content.items() if t})
    kafka = decode(posting["kafka"])
    assert set(kafka) == {4 * k for k in range(40)}  # the page "a/" in every copy
    assert kafka[0][0] > 0 and kafka[0][1] == 0  # in the title, not in the text
    assert decode(posting["幂等"])[1][0] > 0 and "idempotence" in posting and "enable_idempotence" in posting
    assert shards.manifest["pages"] == [2, 2] * 40
    assert "affinity" in shards.manifest["vocabulary"]
    names = {}
    for name, content in shards.files.items():
        if name.startswith("t"):
            names.update(content.get("", {}))
    assert names["亲和性"] == ["affinity"] and names["affinity"] == ["亲和性"]


def test_a_term_in_very_many_documents_keeps_its_best_postings(monkeypatch):
    import kb.searchshards as shards_module

    monkeypatch.setattr(shards_module, "POSTINGS_CAP", 3)
    docs = [{"location": f"p{i}/", "title": "分区" if i == 5 else "页面", "text": "<p>" + "分区。" * (i % 4 + 1) + "</p>"}
            for i in range(10)]
    shards = shard_index({"config": {}, "docs": docs})
    for content in shards.files.values():
        if isinstance(content, dict) and "分区" in content:
            kept = decode(content["分区"])
            assert content["#"]["分区"] == 10  # its rarity still counts every document
            assert 5 in kept and kept[5][0] > 0  # the title hit is kept first
            assert sorted(kept) == [3, 5, 7]  # then the most occurrences, the earlier document on a tie
            break
    else:
        raise AssertionError("no term shard with 分区")


def test_documents_round_trip_through_the_shards(tmp_path):
    text, _ = write_shards(json.dumps({"config": {"lang": ["zh"]}, "docs": DOCS}), tmp_path / "search" / "kb")
    (tmp_path / "search" / "search_index.json").write_text(text, encoding="utf-8")
    data = json.loads(text)
    stub = data["config"]["kb"]
    assert data["docs"] == [] and data["config"]["lang"] == ["zh"] and set(stub) == {"version", "manifest", "build"}
    manifest = read_manifest(tmp_path / "search")  # the shard the worker fetches on its own
    assert manifest == json.loads((tmp_path / "search" / "kb" / "m.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == 4 and manifest["build"] == stub["build"]
    shown = [dict(d) for d in DOCS]
    shown[3]["text"] = "<p>nodeAffinity 与 podAffinity。</p>"
    shown[3]["hidden"] = "别名：亲和性、affinity"  # matched, not shown
    assert read_documents(tmp_path / "search") == shown
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
        got = sorted({t for name, c in shards.files.items() if name.startswith("t") for t in c if t})
        # the index compares Han text without spaces, so a bigram may span a space there
        spaced = {t for t in got if len(t) == 2 and t not in want and "".join(text.split()).find(t) >= 0}
        assert sorted(set(got) - spaced) == want, text


@pytest.mark.slow
def test_a_build_writes_shards_and_a_small_index(make_project):
    project = make_project({"index.md": page_md("首页", "# 首页\n\n## 时钟回拨 {#rollback}\n\n雪花算法遇到时钟回拨。\n")})
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    search = project / "site" / "search"
    manifest = read_manifest(search)
    assert len(manifest["build"]) == 10
    names = {p.name for p in (search / "kb").iterdir()}
    assert {"m.json", "t0.json", "d0.json"} <= names
    assert not [n for n in names if n.endswith(".js")]  # served over HTTP: the script copies are for file://
    docs = read_documents(search)
    assert [d["location"] for d in docs][:2] == ["", "#rollback"] and manifest["docs"] == len(docs)


# ---------------------------------------------------------------------------
# What results show, and what readers type


def test_correction_boxes_are_found_by_their_title():
    page = ('<p>正文</p><details class="note"><summary>勘误：旧说法</summary><p>原笔记说 X。</p></details>'
            '<div class="admonition warning"><p class="admonition-title">勘误</p><p>原来 Z。</p></div>'
            '<div class="admonition note"><p class="admonition-title">注意</p><p>不是勘误</p></div>'
            '<details class="question"><summary>问题？</summary><p>答案</p></details>')
    assert correction_texts(page) == ["勘误：旧说法原笔记说 X。", "勘误原来 Z。"]


def test_aliases_and_corrections_are_matched_but_not_shown():
    text = "\u200b前言 <p>正文\u200b一</p> <pre><code>x</code></pre> <p>勘误</p> <p>原笔记说 X。</p> <p>别名：a、b</p>"
    assert len(top_blocks(text)) == 6
    shown, hidden = split_display(text, ["勘误原笔记说 X。"])
    assert "原笔记" not in shown and "别名" not in shown and "正文" in shown and "<pre>" in shown
    assert hidden == "勘误 原笔记说 X。 别名：a、b"


def test_pinyin_table_has_common_characters_and_every_reading():
    table = pinyin_table("幂")
    assert "幂" in table["mi"] and "性" in table["xing"] and "行" in table["xing"] and "行" in table["hang"]
    assert "绿" in table["lv"] and "略" in table["lve"] and "女" in table["nv"]  # ü as pypinyin writes it
    assert sum(len(chars) for chars in table.values()) >= 3755


def test_pinyin_table_reads_as_pypinyin_does():
    """The table reads pypinyin's character table directly: the same syllables as its pinyin() per character."""
    from pypinyin import Style, pinyin

    extra = "幂甦嗯哼呣噷𠀀a1，"
    table = pinyin_table(extra)
    chars = sorted({c for chars in table.values() for c in chars} | {c for c in extra if "\u3400" <= c <= "\u9fff"})
    want: dict[str, list[str]] = {}
    for ch in chars:
        for syllable in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]:
            if syllable.isascii() and syllable.isalpha() and syllable.islower():
                want.setdefault(syllable, []).append(ch)
    assert table == {s: "".join(cs) for s, cs in sorted(want.items())}


def test_colloquial_names_no_page_uses_become_rewrites(tmp_path):
    docs = [{"location": "a/", "title": "分布式 ID", "text": "<p>发号 与 雪花算法</p>"},
            {"location": "b/", "title": "Kafka", "text": "<p>卡夫卡 是音译</p>"}]
    shards = shard_index({"config": {}, "docs": docs}, colloquial={"分布式 ID": ["发号器"], "Kafka": ["卡夫卡"]})
    assert shards.manifest["rewrites"] == [["发号器", "分布式 ID"]]  # 卡夫卡 is on a page: a synonym instead
    others = {k: v for name, c in shards.files.items() if name.startswith("t") for k, v in c.get("", {}).items()}
    assert others["卡夫卡"] == ["kafka"] and others["kafka"] == ["卡夫卡"]


@pytest.mark.parametrize("data", [["a"], {"词": "不是列表"}, {"词": []}, {"": ["x"]}, {"词": [1]}])
def test_synonyms_file_errors_name_the_file(data):
    with pytest.raises(SearchIndexError, match="about/synonyms.yml"):
        load_colloquial(data, "about/synonyms.yml")


def test_site_words_missing_from_every_page_are_reported():
    words = load_colloquial({"分布式 ID": ["发号器"], "不存在的词": ["x"]}, "s.yml")
    assert missing_words(words, ["<p>分布式\u200bid 生成</p>"]) == ["不存在的词"]


def test_only_a_correction_box_is_hidden_not_what_it_quotes():
    """A section without a correction box shows all of its text, even words the page's correction quotes."""
    correction = ["勘误：原文写 docker cp。docker cp 才对"]
    shown, hidden = split_display("<p>用</p> <code>docker cp</code> <p>拷贝</p> <p>别名：复制</p>", correction)
    assert shown == "<p>用</p> <code>docker cp</code> <p>拷贝</p>" and hidden == "别名：复制"
    shown, hidden = split_display("<p>勘误：原文写 docker cp。</p> <p>docker cp 才对</p> <p>拷贝</p>", correction)
    assert shown == "<p>拷贝</p>" and hidden == "勘误：原文写 docker cp。 docker cp 才对"
