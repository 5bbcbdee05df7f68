"""Practice deck and stable question ids (issue 14): pure functions, then small real builds."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from conftest import page_md, run_build
from hypothesis import given, settings
from hypothesis import strategies as st
from kb.practice import Card, build_deck, deck_script, question_blocks, rebase_urls, render_progress
from kb.questions import assign_question_ids, card_id, duplicate_cards, explicit_id, normalise, text_digest

# --- ids: pure ----------------------------------------------------------------------------


def block(question: str, answer: str = "答案。", attrs: str = "") -> str:
    return f'<details class="question"{attrs}>\n<summary>{question}</summary>\n<p>{answer}</p>\n</details>\n'


def cards_of(blocks: list[str], src_uri: str = "docker/a.md") -> dict[str, str]:
    """question text -> card id, for a page made of ``blocks``."""
    _, questions = assign_question_ids("<h1 id='top'>T</h1>\n" + "".join(blocks), {"top"}, src_uri)
    return {q.text: q.card for q in questions}


def test_card_id_table():
    assert card_id("docker/a.md", "容器是什么？") == card_id("docker/a.md", "  容器是什么?  ")  # NFKC, spaces
    assert card_id("docker/a.md", "容器是什么？") != card_id("docker/b.md", "容器是什么？")  # page counts
    assert card_id("docker/a.md", "容器是什么？") != card_id("docker/a.md", "容器是什么")
    assert re.fullmatch(r"q[0-9a-f]{10}", card_id("a.md", "x"))
    assert normalise(" Pod\u3000和\n容器 ") == "Pod 和 容器"
    assert text_digest("A  b") == text_digest("A b") != text_digest("A c")
    assert explicit_id("Pod 是什么？ {#pod-q}") == ("Pod 是什么？", "pod-q")
    assert explicit_id("Pod 是什么？{ #pod_q }") == ("Pod 是什么？", "pod_q")
    assert explicit_id("{#only-id}") == ("{#only-id}", None)  # a title is needed
    assert explicit_id("集合 {#a b}") == ("集合 {#a b}", None)
    assert explicit_id("没有 id") == ("没有 id", None)


def test_explicit_id_sets_anchor_and_card_and_leaves_the_title():
    html, questions = assign_question_ids(block("Pod 里的 pause 容器有什么用？ {#pause}"), (), "k/pod.md")
    assert [(q.id, q.card, q.text) for q in questions] == [("pause", "pause", "Pod 里的 pause 容器有什么用？")]
    assert "<summary>Pod 里的 pause 容器有什么用？</summary>" in html and "{#" not in html
    assert 'data-kb-card="pause"' in html and f'data-kb-digest="{text_digest("Pod 里的 pause 容器有什么用？")}"' in html
    raw, [q] = assign_question_ids(block("手写的块", attrs=' id="mine"'), (), "k/pod.md")
    assert (q.id, q.card) == ("mine", "mine")


questions_st = st.lists(
    st.text(alphabet="容器网络 PodDNS？?的是吗abc", min_size=1, max_size=12).filter(lambda t: normalise(t)),
    min_size=1,
    max_size=8,
    unique_by=normalise,
)


@settings(max_examples=200, deadline=None)
@given(questions_st, st.data())
def test_ids_survive_insertions_removals_reorders_and_answer_edits(texts, data):
    before = cards_of([block(t) for t in texts])
    # Reorder, drop some, insert new ones, edit every answer.
    kept = data.draw(st.permutations(texts))
    kept = kept[: data.draw(st.integers(1, len(kept)))]
    inserted = data.draw(st.lists(st.sampled_from(["新问题一？", "另一个问题？", "DNS 是什么？"]), unique=True))
    inserted = [t for t in inserted if normalise(t) not in {normalise(k) for k in kept}]
    page = [block(t, answer=f"改过的答案 {i}") for i, t in enumerate(kept)]
    for text in inserted:
        page.insert(data.draw(st.integers(0, len(page))), block(text))
    after = cards_of(page)
    for text in kept:
        assert after[" ".join(text.split())] == before[" ".join(text.split())]


@settings(max_examples=200, deadline=None)
@given(questions_st)
def test_different_questions_on_a_page_get_different_cards_and_rewording_changes_the_card(texts):
    cards = cards_of([block(t) for t in texts])
    assert len(set(cards.values())) == len(texts)
    reworded = cards_of([block(t + "（改）") for t in texts])
    assert not set(cards.values()) & set(reworded.values())


def test_duplicates_name_both_places():
    _, questions = assign_question_ids(block("同一题？") + block("同一题？"), (), "docker/a.md")
    assert [q.id for q in questions] == ["q-同一题", "q-同一题-2"]  # anchors stay unique on the page
    (dup,) = duplicate_cards(("docker/a.md", q) for q in questions)
    assert dup.first == dup.second == ("docker/a.md", "同一题？")
    _, [x] = assign_question_ids(block("甲？ {#same}"), (), "docker/a.md")
    _, [y] = assign_question_ids(block("乙？ {#same}"), (), "linux/b.md")
    (dup,) = duplicate_cards([("docker/a.md", x), ("linux/b.md", y)])
    assert "docker/a.md" in dup.message() and "linux/b.md" in dup.message() and "'same'" in dup.message()
    assert duplicate_cards([("docker/a.md", x)]) == []


# --- deck: pure ---------------------------------------------------------------------------


def test_question_blocks_cut_question_and_answer():
    html, _ = assign_question_ids(
        '<p>前文</p>\n<details class="note"><summary>不是题</summary><p>x</p></details>\n'
        + block("<code>docker run</code> 做了什么？", answer='见 <a href="../b/#c">B</a>')
        + '<details class="question"><summary>带表格和代码？</summary>\n<table><tr><td>1</td></tr></table>\n'
        '<details class="note"><summary>内层</summary><p>内层正文</p></details>\n'
        '<pre class="mermaid"><code>graph LR\nA--&gt;B</code></pre>\n</details>',
        (),
        "docker/a.md",
    )
    first, second = question_blocks(html)
    assert first.question_html == "<code>docker run</code> 做了什么？"
    assert first.question_text == "docker run 做了什么？"
    assert first.answer_html == '<p>见 <a href="../b/#c">B</a></p>'
    assert first.card == card_id("docker/a.md", "docker run 做了什么？") and first.anchor.startswith("q-")
    assert second.answer_html.startswith("<table>") and "内层正文" in second.answer_html
    assert second.answer_html.endswith("</code></pre>")


def test_rebase_urls_from_topic_page_to_practice_page():
    fragment = (
        '<a href="../b/#c">b</a><a href="#x">x</a><a href="https://e.org/">e</a><img alt="" src="img/p.png">'
        '<a href="/abs/">abs</a><pre><code><a href="../not/">code</a></code></pre>'
    )
    out = rebase_urls(fragment, "docker/a/", "interview/practice/")
    assert out == (
        '<a href="../../docker/b/#c">b</a><a href="../../docker/a/#x">x</a><a href="https://e.org/">e</a>'
        '<img alt="" src="../../docker/a/img/p.png"><a href="/abs/">abs</a><pre><code><a href="../not/">code</a></code></pre>'
    )
    # use_directory_urls: false (the offline copy)
    assert rebase_urls('<a href="b.html#c">b</a>', "docker/a.html", "interview/practice.html") == (
        '<a href="../docker/b.html#c">b</a>'
    )


def card(id_, category, question="Q？", tags=()):
    return Card(id_, "d" + id_, category, tuple(tags), question, question, "<p>A</p>", "页 <1>", f"../../{category}/p/#{id_}")


def test_build_deck_orders_categories_and_escapes_in_tables():
    deck = build_deck(
        [card("1", "linux", tags=["Shell"]), card("2", "docker", tags=["Docker", "Linux"]), card("3", "zzz"), card("4", "docker")],
        [("docker", "Docker 与容器"), ("linux", "Linux"), ("empty", "空")],
    )
    assert [c["id"] for c in deck["categories"]] == ["docker", "linux", "zzz"]
    assert [c["id"] for c in deck["cards"]] == ["2", "4", "1", "3"]
    assert deck["tags"] == ["Docker", "Linux", "Shell"]
    assert deck["cards"][0] == {
        "id": "2", "h": "d2", "c": "docker", "tags": ["Docker", "Linux"], "q": "Q？", "qt": "Q？",
        "a": "<p>A</p>", "page": "页 <1>", "url": "../../docker/p/#2",
    }  # fmt: skip
    script = deck_script({**deck, "cards": [{**deck["cards"][0], "a": "</script><script>alert(1)</script>"}]})
    assert script.startswith("window.kbPracticeDeck = {") and "</script>" not in script
    assert json.loads(script[len("window.kbPracticeDeck = ") : -2])["cards"][0]["a"].startswith("</script>")
    table = render_progress({**deck, "categories": [{"id": "docker", "title": "A <b>"}]}, "../practice/")
    assert "A &lt;b&gt;" in table and 'data-kb-cards="2:d2 4:d4"' in table and 'href="../practice/"' in table
    assert "data-search-exclude" in table


# --- the hook: small real builds ----------------------------------------------------------

CONFIG = """\
extra:
  categories: [docker, linux]
"""

TOPIC = """\
# 容器

## 自测题 {#quiz}

??? question "容器和虚拟机有什么区别？"
    容器共享宿主机内核，见 [Linux](../linux/ns.md#ns)。

    | 项目 | 容器 |
    | --- | --- |
    | 内核 | 共享 |

    ```bash
    docker run --rm alpine echo hi
    ```

??? question "Pod 里的 pause 容器有什么用？ {#pause}"
    持有网络命名空间。
"""

LINUX = """\
# 命名空间

## Namespace {#ns}

隔离视图。

??? question "Namespace 隔离了什么？"
    PID、网络、挂载点等。
"""


def project_files(topic=TOPIC, linux=LINUX):
    return {
        "index.md": page_md("首页", "# 首页\n\n[练习](interview/practice.md)\n"),
        "docker/index.md": page_md("Docker 与容器", "# Docker 与容器\n\n- [容器](c.md)\n"),
        "docker/c.md": page_md("容器", topic, tags="[Docker, 容器原理]"),
        "linux/index.md": page_md("Linux", "# Linux\n\n- [命名空间](ns.md)\n"),
        "linux/ns.md": page_md("命名空间", linux, tags="[Linux]"),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import write_project

    project = write_project(tmp_path_factory.mktemp("practice") / "project", project_files(), CONFIG)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def load_deck(site):
    deck = json.loads((site / "interview/practice/deck.json").read_text(encoding="utf-8"))
    script = (site / "interview/practice/deck.js").read_text(encoding="utf-8")
    assert json.loads(script[script.index("{") : script.rindex("}") + 1]) == deck
    return deck


@pytest.mark.slow
def test_build_writes_the_deck_and_the_page(built):
    site = built / "site"
    deck = load_deck(site)
    assert [c["id"] for c in deck["categories"]] == ["docker", "linux"]
    by_text = {c["qt"]: c for c in deck["cards"]}
    assert list(by_text) == ["容器和虚拟机有什么区别？", "Pod 里的 pause 容器有什么用？", "Namespace 隔离了什么？"]
    first = by_text["容器和虚拟机有什么区别？"]
    assert first["id"] == card_id("docker/c.md", "容器和虚拟机有什么区别？")
    assert first["tags"] == ["Docker", "容器原理"] and first["c"] == "docker" and first["page"] == "容器"
    assert first["url"] == "../../docker/c/#q-容器和虚拟机有什么区别"
    assert "<table>" in first["a"] and 'class="language-bash highlight"' in first["a"]
    assert 'href="../../linux/ns/#ns"' in first["a"]  # rebased for the practice page
    assert by_text["Pod 里的 pause 容器有什么用？"]["id"] == "pause"
    # Topic pages carry the ids for the badges; the anchors the index links to exist.
    topic = (site / "docker/c/index.html").read_text(encoding="utf-8")
    assert f'data-kb-card="{first["id"]}" data-kb-digest="{first["h"]}"' in topic
    assert 'id="pause"' in topic and "{#pause}" not in topic
    interview = (site / "interview/index.html").read_text(encoding="utf-8")
    for card in deck["cards"]:
        target = (site / "interview/practice" / card["url"].split("#")[0]).resolve() / "index.html"
        assert f'id="{card["url"].split("#")[1]}"' in target.read_text(encoding="utf-8")
    assert 'class="kb-practice-progress"' in interview and 'href="practice/"' in interview
    practice = (site / "interview/practice/index.html").read_text(encoding="utf-8")
    assert "<h1" in practice and "刷题练习" in practice and 'data-deck="deck.js"' in practice
    assert "assets/javascripts/practice.js" in practice


@pytest.mark.slow
def test_practice_page_is_searchable_by_title_only(built):
    from kb.searchshards import read_documents  # the search index is sharded (search/kb/)

    all_docs = read_documents(built / "site/search")
    docs = [d for d in all_docs if d["location"].startswith("interview/practice/")]
    assert docs and all(d["title"].replace("\u200b", "") == "刷题练习" for d in docs)
    text = "".join(d["text"] for d in docs).replace("\u200b", "")
    assert "显示答案" not in text and "莱特纳" not in text and "JavaScript" not in text and "新题" not in text
    # The answers stay indexed on their own pages.
    topic = "".join(d["text"] for d in all_docs if d["location"].startswith("docker/c/"))
    assert "持有网络命名空间" in topic.replace("\u200b", "")


@pytest.mark.slow
def test_ids_stable_across_edits_and_duplicates_fail_strict(built, tmp_path):
    from conftest import write_project

    before = {c["qt"]: (c["id"], c["h"]) for c in load_deck(built / "site")["cards"]}
    # Reorder the questions, insert one, edit an answer, reword one.
    edited = TOPIC.replace("持有网络命名空间。", "持有 Pod 的网络、IPC 和 UTS 命名空间。")
    head, questions = edited.split("## 自测题 {#quiz}\n\n")
    first, second = questions.split("\n??? question \"Pod")
    edited = (
        head + "## 自测题 {#quiz}\n\n??? question \"新加的题？\"\n    新答案。\n\n"
        "??? question \"Pod" + second + "\n" + first
    )
    linux = LINUX.replace("Namespace 隔离了什么？", "Namespace 隔离了哪些资源？")
    project = write_project(tmp_path / "edited", project_files(edited, linux), CONFIG)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    after = {c["qt"]: (c["id"], c["h"]) for c in load_deck(project / "site")["cards"]}
    assert after["容器和虚拟机有什么区别？"] == before["容器和虚拟机有什么区别？"]
    assert after["Pod 里的 pause 容器有什么用？"] == before["Pod 里的 pause 容器有什么用？"]
    assert after["Namespace 隔离了哪些资源？"][0] != before["Namespace 隔离了什么？"][0]

    dup = textwrap.dedent(LINUX) + '\n??? question "另一题？ {#pause}"\n    同一个显式 id。\n'
    project = write_project(tmp_path / "dup", project_files(linux=dup), CONFIG)
    result = run_build(project)
    assert result.returncode != 0
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARNING")]
    assert any("'pause'" in w and "docker/c.md" in w and "linux/ns.md" in w for w in warnings), warnings


# --- the hook, driven in memory ----------------------------------------------------------


def test_hook_in_memory_fills_page_index_and_writes_deck(tmp_path, caplog):
    import practice as practice_hook
    import questions as questions_hook
    from kbpages import add_page, make_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = make_config(tmp_path, categories=("docker",))
    for hook in (questions_hook, practice_hook):
        hook.on_config(config)
    files = Files([File("interview/practice.md", config.docs_dir, config.site_dir, config.use_directory_urls)])
    with caplog.at_level("WARNING"):
        files = practice_hook.on_files(files, config)
    assert any("generated by hooks/practice.py" in r.getMessage() for r in caplog.records)
    generated = files.get_file_from_path("interview/practice.md")
    assert generated.generated_by is not None
    practice = Page("刷题练习", generated, config)
    practice.content = '<h1 id="top">刷题练习</h1>\n<!-- kb:practice -->\n'
    index = add_page(config, files, "interview.md", '<h2 id="docker">Docker</h2><ol></ol>', "面试题索引")
    topic = add_page(config, files, "docker/a.md", block("A 是什么？", '见 <a href="../b/">B</a>'), "A 页")
    topic.meta["tags"] = ["Docker"]
    topic.content = questions_hook.on_page_content(topic.content, page=topic, config=config, files=files)
    practice_hook.on_env(None, config=config, files=files)
    assert 'data-deck="deck.js"' in practice.content and "<!-- kb:practice -->" not in practice.content
    assert index.content.index('class="kb-practice-progress"') < index.content.index('<h2 id="docker">')
    assert 'href="practice/"' in index.content
    practice_hook.on_post_build(config)
    deck = json.loads((tmp_path / "site/interview/practice/deck.json").read_text(encoding="utf-8"))
    assert [(c["qt"], c["tags"], c["c"]) for c in deck["cards"]] == [("A 是什么？", ["Docker"], "docker")]
    assert 'href="../../docker/b/"' in deck["cards"][0]["a"]
    assert (tmp_path / "site/interview/practice/deck.js").read_text(encoding="utf-8").startswith("window.kbPracticeDeck")
