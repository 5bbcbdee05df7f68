"""The authoring contract: pure checks, then real strict builds with the exact error lines."""

from __future__ import annotations

import pytest
from conftest import page_md, run_build
from hypothesis import given
from hypothesis import strategies as st
from kb.frontmatter import (
    ContractError,
    Term,
    check_front_matter_syntax,
    check_meta,
    collect_ids,
    decode_source,
    missing_anchors,
    parse_vocabulary,
)

VALID = {"title": "标题", "description": "一句话。"}


# --- pure functions ---------------------------------------------------------------------------


def test_valid_meta_without_terms_has_no_terms():
    assert check_meta(VALID) == ()


def test_terms_are_parsed_in_declaration_order():
    meta = {
        **VALID,
        "terms": {
            "脑裂": {"summary": "集群分裂。", "aliases": ["split-brain"], "anchor": "#split-brain"},
            "Raft": {"summary": "共识算法。", "anchor": "raft", "case_sensitive": True},
        },
    }
    assert check_meta(meta) == (
        Term("脑裂", "集群分裂。", ("split-brain",), "split-brain"),
        Term("Raft", "共识算法。", (), "raft", True),
    )


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"description": "x"}, "'title' is required"),
        ({"title": "", "description": "x"}, "'title' must be a non-empty string"),
        ({"title": "  ", "description": "x"}, "'title' must be a non-empty string"),
        ({"title": 3, "description": "x"}, "'title' must be a non-empty string"),
        ({"title": "t"}, "'description' is required (one sentence)"),
        ({"title": "t", "description": None}, "'description' must be a non-empty string"),
        ({"title": "t", "description": '含"引号"的说明'}, "must not contain '\"'"),
        ({**VALID, "titel": "t"}, "unknown front-matter key 'titel'"),
        ({**VALID, "tags": "docker"}, "'tags' must be a list of non-empty strings"),
        ({**VALID, "tags": ["docker", ""]}, "'tags' must be a list of non-empty strings"),
        ({**VALID, "sources": ["ftp://x"]}, "'sources' entry 'ftp://x' is not an http(s) URL"),
        ({**VALID, "terms": ["a"]}, "'terms' must be a mapping"),
        ({**VALID, "terms": {"a": "b"}}, "'terms.a' must be a mapping"),
        ({**VALID, "terms": {"a": {"anchor": "x"}}}, "'terms.a.summary' is required"),
        ({**VALID, "terms": {"a": {"summary": "s"}}}, "'terms.a.anchor' is required"),
        ({**VALID, "terms": {"a": {"summary": "s", "anchor": "x", "alias": []}}}, "'terms.a' has unknown key 'alias'"),
        ({**VALID, "terms": {"a": {"summary": "s", "anchor": "x", "aliases": "b"}}}, "'terms.a.aliases' must be a list"),
        (
            {**VALID, "terms": {"a": {"summary": "s", "anchor": "x", "case_sensitive": "yes"}}},
            "'terms.a.case_sensitive' must be true or false",
        ),
    ],
)
def test_contract_violations_name_the_field(meta, message):
    with pytest.raises(ContractError) as info:
        check_meta(meta)
    assert message in str(info.value)


VOCABULARY = {"Docker": "容器。", "排障": "故障排查。"}


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (["Docker", "docker"], "tag 'docker' is not in the tag vocabulary"),
        (["排障 "], "tag '排障 ' is not in the tag vocabulary"),
        (["Docker", "Docker"], "tag 'Docker' is listed twice"),
    ],
)
def test_tags_outside_the_vocabulary_are_named(tags, message):
    with pytest.raises(ContractError) as info:
        check_meta({**VALID, "tags": tags}, VOCABULARY)
    assert message in str(info.value)
    assert check_meta({**VALID, "tags": tags}) == ()  # without a vocabulary any tag goes


def test_tags_inside_the_vocabulary_pass():
    assert check_meta({**VALID, "tags": ["排障", "Docker"]}, VOCABULARY) == ()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "must be a mapping"),
        ({}, "must be a mapping"),
        ({"a": ""}, "'extra.tags_vocabulary.a' must say what the tag covers"),
        ({" a": "x"}, "not a trimmed non-empty string"),
        ({1: "x"}, "not a trimmed non-empty string"),
    ],
)
def test_bad_vocabulary(raw, message):
    with pytest.raises(ContractError) as info:
        parse_vocabulary(raw)
    assert message in str(info.value)


def test_vocabulary_parses_and_may_be_absent():
    assert parse_vocabulary(None) is None
    assert parse_vocabulary({"运维": "运维。"}) == {"运维": "运维。"}


@pytest.mark.parametrize("key", ["hide", "icon", "status", "search", "template", "subtitle"])
def test_material_page_keys_stay_allowed(key):
    assert check_meta({**VALID, key: ["toc"]}) == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"---\ntitle: a\n---\n", "---\ntitle: a\n---\n"),
        (b"\xef\xbb\xbf---\ntitle: a\n---\n", "---\ntitle: a\n---\n"),  # BOM
        (b"---\r\ntitle: a\r\n---\r\n", "---\ntitle: a\n---\n"),  # CRLF
        ("中文".encode(), "中文"),
    ],
)
def test_decode_source_accepts_bom_and_crlf(raw, expected):
    assert decode_source(raw) == expected


def test_decode_source_names_the_line_of_invalid_utf8():
    with pytest.raises(ContractError, match=r"line 3: not valid UTF-8 \(byte 0xff at offset 8\)"):
        decode_source(b"a\nbc\nefg\xffh")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "line 2: malformed YAML front matter"),
        ("---\ntitle: a\ndescription: b: c\n---\n", "line 3: malformed YAML front matter"),
        ("---\n- a\n- b\n---\n", "front matter must be a mapping of keys, not a list"),
        ("---\ntitle: a\n", "front matter opened with '---' is never closed"),
    ],
)
def test_broken_front_matter_is_reported(source, message):
    with pytest.raises(ContractError) as info:
        check_front_matter_syntax(source)
    assert message in str(info.value)


@pytest.mark.parametrize("source", ["", "# 标题\n", "----\n", "---\ntitle: a\n---\n正文\n"])
def test_valid_or_absent_front_matter_passes(source):
    check_front_matter_syntax(source)


def test_collect_ids_and_missing_anchors():
    ids = collect_ids('<h2 id="a">A</h2><p>x<span id="b"/></p><div id="">e</div>')
    assert ids == {"a", "b"}
    terms = [Term("A", "s", (), "a"), Term("C", "s", (), "c")]
    assert missing_anchors(terms, ids) == [terms[1]]


@given(st.binary(max_size=200))
def test_decode_source_never_raises_anything_but_contract_errors(raw):
    try:
        text = decode_source(raw)
    except ContractError as exc:
        assert str(exc).startswith("line ")
    else:
        assert "\r" not in text


# --- real builds --------------------------------------------------------------------------------


def _lines_with(result, text: str) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if text in line]


@pytest.mark.slow
def test_valid_project_builds_strict(make_project):
    project = make_project(
        {
            "index.md": page_md("首页"),
            "bom.md": b"\xef\xbb\xbf---\r\ntitle: BOM\r\ndescription: d\r\n---\r\n\r\n# BOM\r\n",
        }
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "bom" / "index.html").read_text(encoding="utf-8")
    assert "<title>BOM" in html


CASES = [
    ("titel: x\n", "docs/bad.md: unknown front-matter key 'titel'"),
    ("title: ''\n", "bad.md: 'title' must be a non-empty string"),
    ("title: [x\n", "bad.md: line 2: malformed YAML front matter"),
    (
        "title: t\ndescription: d\nterms:\n  脑裂:\n    summary: s\n    anchor: nowhere\n",
        "bad.md: 'terms.脑裂.anchor': no element with id 'nowhere' on this page",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("front", "message"), CASES)
def test_contract_errors_fail_the_build_with_one_line(make_project, front, message):
    project = make_project({"index.md": page_md("首页"), "bad.md": f"---\n{front}---\n\n# 正文\n"})
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message.removeprefix("docs/") in output
    assert "Traceback" not in output
    # MkDocs frames it ("Error reading page", "Aborted with a BuildError!"); ours is one line.
    assert len(_lines_with(result, message.removeprefix("docs/"))) == 1, output


@pytest.mark.slow
def test_invalid_utf8_fails_with_file_and_line(make_project):
    project = make_project({"index.md": page_md("首页"), "latin1.md": b"---\ntitle: t\n---\n" + b"caf\xe9\n"})
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "latin1.md: line 4: not valid UTF-8" in output
    assert "Traceback" not in output
