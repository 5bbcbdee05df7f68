"""The term-link policy (hooks/kb/linkpolicy.py, kb.linker.link_terms with a policy) and the
`autolink: false` front-matter flag: pure functions, properties, and real builds."""

from __future__ import annotations

import pytest
from conftest import page_md, run_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kb.frontmatter import ContractError, parse_terms
from kb.htmlwalk import tokenize
from kb.linker import LinkTarget, Matcher, Surface, link_terms
from kb.linkpolicy import (
    LISTING,
    LISTING_MAX,
    TOPIC,
    TOPIC_MAX,
    LinkPolicy,
    article_of,
    is_listing,
    policy_for,
    prose_chars,
    share,
)

TERMS = {"Docker": ["Docker"], "容器": ["容器"], "脑裂": ["脑裂", "split brain"], "时钟回拨": ["时钟回拨"], "Raft": ["Raft"]}
MATCHER = Matcher(Surface(s, key) for key, surfaces in TERMS.items() for s in surfaces)
FILLER = "这是一段不含任何术语的正文，用来撑起页面的字数。"  # 24 visible characters


def target_of(key):
    return LinkTarget(f"../t/#{key}", f"{key} 的定义。", key)


def linked_keys(html):
    keys = []
    for token in tokenize(html):
        if token.kind == "start" and token.tag == "a" and "autolink" in token.classes:
            keys.append(token.attr("data-term"))
    return keys


@pytest.mark.parametrize(
    ("src_uri", "listing"),
    [("index.md", True), ("docker/index.md", True), ("docker/dockerfile.md", False), ("reindex.md", False),
     ("about/authoring.md", False)],
)
def test_listing_pages_are_the_home_page_and_category_indexes(src_uri, listing):
    assert is_listing(src_uri) is listing
    assert policy_for(src_uri) == (LISTING if listing else TOPIC)


def test_the_linker_budgets_stay_under_the_promised_caps():
    assert LISTING.budget < LISTING_MAX and TOPIC.budget < TOPIC_MAX
    assert LISTING.per_block == 1 and TOPIC.per_block == 2


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>用 <a class='autolink' href='x'>Docker</a> 跑</p>", (6, 8, 1)),
        ("<p>a b\nc</p>", (0, 3, 0)),  # white space is not counted
        ("<p>代码 <code>ls -l</code></p><pre><code>x = 1</code></pre>", (0, 9, 0)),  # code is text a reader sees
        ("<h2>标题<a class='headerlink' href='#t'>¶</a></h2>", (0, 2, 0)),
        ("<div class='mermaid'>graph LR; A--&gt;B</div><script>var x</script><style>p{}</style><p>字</p>", (0, 1, 0)),
        ("<p><a class='autolink' href='x'>split <b>brain</b></a></p>", (10, 10, 1)),
    ],
)
def test_share_counts_visible_characters(fragment, expected):
    assert share(fragment) == expected


def test_article_of_a_built_page():
    page = "<html><body><nav>导航</nav><article class='md-content__inner'><p>正文</p></article><footer>脚</footer>"
    assert article_of(page) == "<article class='md-content__inner'><p>正文</p>"
    assert share(article_of(page)) == (0, 2, 0)
    assert article_of("<p>没有正文</p>") == ""


def test_at_most_per_block_links_in_a_paragraph_and_a_refused_term_is_linked_later():
    html = "<p>Docker 与容器和脑裂</p><p>再说脑裂。</p>"
    out, linked = link_terms(html, MATCHER, target_of, policy=LinkPolicy(per_block=2))
    assert linked_keys(out) == ["Docker", "容器", "脑裂"]
    assert out.index("脑裂</a>") > out.index("再说")  # the second paragraph's occurrence
    out, _ = link_terms("<ul><li>Docker 与容器</li><li>容器与脑裂</li></ul>", MATCHER, target_of, policy=LISTING)
    assert linked_keys(out) == []  # 4 % of 12 prose characters is not enough for any link
    long_items = "".join(f"<li>{word} {FILLER * 4}</li>" for word in ("Docker 与容器", "容器与脑裂"))
    out, _ = link_terms(f"<ul>{long_items}</ul>", MATCHER, target_of, policy=LISTING)
    assert linked_keys(out) == ["Docker", "容器"]  # one per list item; 8 characters of 206 allowed


def test_budget_skips_a_long_term_but_takes_a_shorter_one():
    html = f"<p>{FILLER * 5}</p><p>时钟回拨</p><p>容器</p>"  # 126 prose characters: 5 % is 6
    out, _ = link_terms(html, MATCHER, target_of, policy=LinkPolicy(budget=0.05))
    assert linked_keys(out) == ["时钟回拨", "容器"]
    out, _ = link_terms(html, MATCHER, target_of, policy=LinkPolicy(budget=0.04))  # 5 characters
    assert linked_keys(out) == ["时钟回拨"]
    out, _ = link_terms(html, MATCHER, target_of, policy=LinkPolicy(budget=0.03))  # 3 characters
    assert linked_keys(out) == ["容器"]


def test_code_blocks_do_not_earn_budget():
    html = f"<pre><code>{FILLER * 20}</code></pre><p>容器</p>"
    assert prose_chars(tokenize(html, opaque=("pre",))) == 2
    out, _ = link_terms(html, MATCHER, target_of, policy=TOPIC)
    assert linked_keys(out) == []


def test_a_general_term_is_matched_but_never_linked():
    out, linked = link_terms(
        f"<p>时钟回拨时，容器。{FILLER * 4}</p>",
        Matcher([*MATCHER_SURFACES, Surface("时钟", "时钟")]),
        lambda key: None if key == "时钟回拨" else target_of(key),
        policy=TOPIC,
    )
    assert linked == ["容器"]  # 时钟回拨 is general: not linked, and 时钟 does not link inside it


MATCHER_SURFACES = [Surface(s, key) for key, surfaces in TERMS.items() for s in surfaces]

words = st.sampled_from(["Docker", "容器", "脑裂", "split brain", "时钟回拨", "Raft", "和", "，", " ", "正文", FILLER])
paragraph = st.lists(words, min_size=1, max_size=12).map("".join)
block = st.one_of(
    paragraph.map(lambda t: f"<p>{t}</p>"),
    st.lists(paragraph, min_size=1, max_size=4).map(lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"),
    paragraph.map(lambda t: f"<pre><code>{t}</code></pre>"),
    paragraph.map(lambda t: f"<h2>{t}</h2>"),
)
pages = st.lists(block, min_size=1, max_size=10).map("\n".join)
policies = st.sampled_from([LISTING, TOPIC, LinkPolicy(budget=0.1, per_block=1), LinkPolicy(budget=0.02)])


def per_block_counts(html):
    counts, stack = [], []
    for token in tokenize(html):
        if token.tag in ("p", "li") and token.kind == "start":
            stack.append(len(counts))
            counts.append(0)
        elif token.tag in ("p", "li") and token.kind == "end":
            stack.pop()
        elif token.kind == "start" and "autolink" in token.classes:
            counts[stack[-1]] += 1
    return counts


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages, policies)
def test_property_the_share_never_exceeds_the_budget_and_linking_is_idempotent(html, policy):
    out, linked = link_terms(html, MATCHER, target_of, policy=policy)
    linked_chars, total, links = share(out)
    assert links == len(linked) == len(set(linked))
    budget = policy.budget * prose_chars(tokenize(html, opaque=("pre",)))
    assert linked_chars <= budget
    assert total == 0 or linked_chars / total <= policy.budget
    if policy.per_block is not None:
        assert all(count <= policy.per_block for count in per_block_counts(out))
    again, linked_again = link_terms(out, MATCHER, target_of, policy=policy)
    assert again == out and linked_again == linked


@settings(max_examples=150, deadline=None)
@given(pages)
def test_property_a_stricter_policy_never_links_more(html):
    loose, _ = link_terms(html, MATCHER, target_of)
    strict, _ = link_terms(html, MATCHER, target_of, policy=TOPIC)
    # Fewer links, never other terms; the linked characters may be more when a deferred term is
    # linked later through a longer alias ("split brain" for 脑裂), which the budget still caps.
    assert len(linked_keys(strict)) <= len(linked_keys(loose))
    assert set(linked_keys(strict)) <= set(linked_keys(loose))


# --- the front-matter flag ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(None, True), (True, True), (False, False)])
def test_autolink_flag_parses(value, expected):
    spec = {"summary": "一句。", "anchor": "a"} | ({} if value is None else {"autolink": value})
    (term,) = parse_terms({"容器": spec})
    assert term.autolink is expected


@pytest.mark.parametrize("value", ["false", "否", 0, 1, [], {"x": 1}])
def test_autolink_flag_must_be_a_boolean(value):
    with pytest.raises(ContractError, match=r"'terms\.容器\.autolink' must be true or false"):
        parse_terms({"容器": {"summary": "一句。", "anchor": "a", "autolink": value}})


GENERAL_PAGE = """\
---
title: 定义页
description: 定义页。
terms:
  容器:
    summary: 一组隔离的进程。
    anchor: container
    autolink: {flag}
  脑裂:
    summary: 集群分裂成两半。
    anchor: split-brain
---

# 定义页

## 容器 {{#container}}

容器的定义。

## 脑裂 {{#split-brain}}

脑裂的定义。
"""


@pytest.mark.slow
def test_general_term_is_in_the_glossary_but_not_linked(make_project):
    body = f"# 使用页\n\n容器里发生了脑裂。\n\n{FILLER * 4}\n"
    project = make_project(
        {"index.md": page_md("首页"), "def.md": GENERAL_PAGE.format(flag="false"), "use.md": page_md("使用页", body)}
    )
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    use = (project / "site" / "use" / "index.html").read_text(encoding="utf-8")
    assert linked_keys(article_of(use)) == ["脑裂"]
    glossary = article_of((project / "site" / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert "一组隔离的进程。" in glossary and "集群分裂成两半。" in glossary


@pytest.mark.slow
def test_a_wrong_autolink_value_fails_naming_the_file(make_project):
    project = make_project({"index.md": page_md("首页"), "def.md": GENERAL_PAGE.format(flag="'no'")})
    result = run_build(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert "def.md" in out and "'terms.容器.autolink' must be true or false" in out, out
