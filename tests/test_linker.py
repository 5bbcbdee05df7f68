"""Automatic cross-links (hooks/kb/linker.py): matching rules, forbidden contexts, properties."""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kb.htmlwalk import Walker, text_content, tokenize
from kb.linker import LinkTarget, Matcher, Surface, is_forbidden, link_terms

TERMS = {
    "Docker": ("Docker", "docker"),
    "Docker Compose": ("Docker Compose",),
    "容器": ("容器", "container"),
    "时钟回拨": ("时钟回拨",),
    "时钟": ("时钟",),
    "Pod": ("Pod",),
    "脑裂": ("脑裂", "split brain"),
}
CASE_SENSITIVE = {"Pod"}


def matcher(terms=TERMS, case_sensitive=CASE_SENSITIVE):
    return Matcher(
        Surface(s, key, key in case_sensitive) for key, surfaces in terms.items() for s in surfaces
    )


def target_of(key):
    return LinkTarget(f"../t/#{key}", f"summary of {key}")


def link(source, m=None, skip=()):
    return link_terms(source, m or matcher(), target_of, skip)


def linked_texts(out):
    """(term text, href) of every autolink in an HTML fragment."""
    result, current = [], None
    for token in tokenize(out):
        if token.kind == "start" and token.tag == "a" and "autolink" in token.classes:
            current = [token.attr("href"), ""]
        elif token.kind == "text" and current is not None:
            current[1] += token.text
        elif token.kind == "end" and token.tag == "a" and current is not None:
            result.append((current[1], current[0]))
            current = None
    return result


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # longest match wins
        ("<p>用 Docker Compose 编排</p>", [("Docker Compose", "../t/#Docker Compose")]),
        # a line break inside a term still matches
        ("<p>用 Docker\nCompose 编排</p>", [("Docker\nCompose", "../t/#Docker Compose")]),
        # CJK matches inside running text, but never splits a longer term
        ("<p>雪花算法遇到时钟回拨时</p>", [("时钟回拨", "../t/#时钟回拨")]),
        ("<p>时钟回拨与时钟</p>", [("时钟回拨", "../t/#时钟回拨"), ("时钟", "../t/#时钟")]),
        ("<p>跑容器化应用</p>", [("容器", "../t/#容器")]),
        # ASCII terms: whole words, case-insensitive
        ("<p>Dockerfile 和 dockerd 不是 DOCKER 吗</p>", [("DOCKER", "../t/#Docker")]),
        ("<p>docker_x docker</p>", [("docker", "../t/#Docker")]),
        ("<p>用Docker跑</p>", [("Docker", "../t/#Docker")]),
        # case-sensitive terms
        ("<p>pod 和 POD 和 Pod</p>", [("Pod", "../t/#Pod")]),
        # first occurrence only, aliases share the term
        ("<p>容器 container 容器</p>", [("容器", "../t/#容器")]),
        ("<p>split brain 和脑裂</p>", [("split brain", "../t/#脑裂")]),
    ],
)
def test_matching_rules(source, expected):
    out, _ = link(source)
    assert linked_texts(out) == expected


@pytest.mark.parametrize(
    "source",
    [
        "<h2>Docker</h2>",
        "<h1 id='x'>容器</h1>",
        "<p><a href='x'>Docker</a></p>",
        "<p><code>docker</code></p>",
        "<pre><code>docker run 容器</code></pre>",
        "<p><kbd>Docker</kbd></p>",
        "<script>var docker = '容器';</script>",
        "<style>.docker { color: red }</style>",
        "<svg><text>Docker</text></svg>",
        '<pre class="mermaid"><code>graph LR; 容器--&gt;Docker</code></pre>',
        '<div class="mermaid">graph LR; 容器--&gt;Docker</div>',
        '<div class="admonition note"><p class="admonition-title">容器</p></div>',
        '<details class="question"><summary>什么是容器？</summary></details>',
        '<p><img alt="Docker 容器" src="x.png"></p>',
        '<p title="Docker 容器">x</p>',
    ],
)
def test_forbidden_contexts_are_left_alone(source):
    out, linked = link(source)
    assert out == source
    assert linked == []


def test_text_after_a_forbidden_element_is_linked():
    out, _ = link("<p><code>Docker</code> 与 Docker</p>")
    link_html = (
        '<a class="autolink" href="../t/#Docker" title="summary of Docker" data-summary="summary of Docker">Docker</a>'
    )
    assert out == f"<p><code>Docker</code> 与 {link_html}</p>"


def test_terms_of_the_page_itself_are_not_linked_and_still_block_shorter_ones():
    out, linked = link("<p>时钟回拨 和 容器</p>", skip=["时钟回拨"])
    assert linked_texts(out) == [("容器", "../t/#容器")]
    assert linked == ["容器"]


def test_summary_and_href_are_escaped():
    target = LinkTarget('a"b/#x<y>', "<script>alert(\"x\")</script> & 'q'")
    out, _ = link_terms("<p>Docker</p>", matcher(), lambda key: target)
    assert "<script>" not in out
    assert 'title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"' in out
    assert 'href="a&quot;b/#x&lt;y&gt;"' in out


def test_entities_in_text_survive_linking():
    out, _ = link("<p>A &amp; B &lt;容器&gt;</p>")
    assert text_content(out) == "A & B <容器>"
    assert "&lt;" in out and "&amp;" in out


def test_unknown_target_is_not_linked():
    out, linked = link_terms(
        "<p>Docker 容器</p>", matcher(), lambda key: None if key == "Docker" else target_of(key)
    )
    assert linked == ["容器"]


def test_empty_matcher_and_empty_html():
    assert link_terms("<p>Docker</p>", Matcher([]), target_of) == ("<p>Docker</p>", [])
    assert link("") == ("", [])


def test_linking_is_idempotent_on_a_page():
    source = "<p>时钟回拨、时钟、Docker 和 docker compose</p><p>Docker 容器</p>"
    once, first = link(source)
    twice, second = link(once)
    assert twice == once
    assert second == first


def test_each_text_character_is_scanned_once(monkeypatch):
    # Linear cost, checked by counting work instead of timing it (timings belong in bench/):
    # the automaton sees every character of text exactly once, however many terms exist.
    many = {f"术语{i}号": (f"术语{i}号", f"term{i}") for i in range(3000)}
    m = matcher(many, set())
    scanned = []
    original = Matcher.find
    monkeypatch.setattr(Matcher, "find", lambda self, text: scanned.append(len(text)) or original(self, text))
    sentence = "普通的中文句子，提到术语12号和 term77 以及 Docker。"
    for n in (10, 100):
        scanned.clear()
        out, linked = link("<p>" + sentence * n + "</p>\n<p><code>术语1号</code></p>", m)
        assert sum(scanned) == len(sentence) * n + 1  # + the newline text node; code is never scanned
        assert sorted(linked) == ["术语12号", "术语77号"]  # term77 is an alias; each linked once


# --- properties ---------------------------------------------------------------------------

ALPHABET = "容器时钟回拨脑裂 Dockerdocker Compose Pod pod 中文, &<>\"'\n"
WORDS = [
    "Docker",
    "docker",
    "Docker Compose",
    "容器",
    "时钟回拨",
    "时钟",
    "Pod",
    "pod",
    "脑裂",
    "split brain",
    " ",
    "，",
]

text_strategy = st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=6)), max_size=6).map(
    "".join
)
INLINE = ["span", "strong", "em", "a", "code", "kbd", "mark", "sup"]
BLOCK = ["p", "div", "li", "h2", "pre", "summary", "blockquote", "td", "svg"]
CLASSES = ["", "mermaid", "admonition-title", "note", "autolink"]


def element(children):
    return st.builds(
        lambda tag, cls, kids: (
            f"<{tag}{f' class={chr(34)}{cls}{chr(34)}' if cls else ''}>{''.join(kids)}</{tag}>"
        ),
        st.sampled_from(INLINE + BLOCK),
        st.sampled_from(CLASSES),
        st.lists(children, max_size=4),
    )


fragments = st.recursive(
    text_strategy.map(lambda t: html.escape(t, quote=False)) | st.just("<br>") | st.just("&nbsp;"),
    element,
    max_leaves=20,
)
documents = st.lists(fragments, min_size=1, max_size=5).map("".join)
term_sets = st.dictionaries(st.sampled_from(sorted(TERMS)), st.just(()), min_size=0, max_size=len(TERMS)).map(
    lambda d: {k: TERMS[k] for k in d}
)

PROPERTY_SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(documents, term_sets)
def test_property_text_content_is_unchanged(source, terms):
    out, _ = link(source, matcher(terms))
    assert text_content(out) == text_content(source)


@PROPERTY_SETTINGS
@given(documents, term_sets)
def test_property_only_autolinks_are_added(source, terms):
    out, _ = link(source, matcher(terms))
    removed, depth = [], 0
    for token in tokenize(out):
        if (
            token.kind == "start"
            and token.tag == "a"
            and token.raw.startswith('<a class="autolink" href="../t/')
        ):
            depth += 1
            continue
        removed.append(token)
    # Apart from the wrappers, the tag sequence is the same as in the source.
    tags = [(t.kind, t.tag) for t in removed if t.kind != "text"]
    source_tags = [(t.kind, t.tag) for t in tokenize(source) if t.kind != "text"]
    closes = tags.count(("end", "a")) - source_tags.count(("end", "a"))
    assert closes == depth
    assert [t for t in tags if t != ("end", "a")] == [t for t in source_tags if t != ("end", "a")]


@PROPERTY_SETTINGS
@given(documents, term_sets)
def test_property_nothing_linked_inside_forbidden_elements(source, terms):
    out, _ = link(source, matcher(terms))
    walker = Walker(is_forbidden)
    for token in tokenize(out):
        if (
            token.kind == "start"
            and token.tag == "a"
            and token.raw.startswith('<a class="autolink" href="../t/')
        ):
            if token.raw not in source:
                assert not walker.blocked, out
        walker.visit(token)


@PROPERTY_SETTINGS
@given(documents, term_sets)
def test_property_linking_is_idempotent(source, terms):
    m = matcher(terms)
    once, _ = link(source, m)
    twice, _ = link(once, m)
    assert twice == once


@PROPERTY_SETTINGS
@given(documents)
def test_property_each_term_linked_at_most_once(source):
    out, linked = link(source)
    assert len(linked) == len(set(linked))
    new = [href for _, href in linked_texts(out) if href and href.startswith("../t/")]
    assert len(new) == len(set(new))


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET + "<script>", min_size=1, max_size=40))
def test_property_summaries_are_escaped(summary):
    out, _ = link_terms("<p>Docker</p>", matcher(), lambda key: LinkTarget("x/#y", summary))
    title = [t for t in tokenize(out) if t.tag == "a"][0].attr("title")
    assert title == summary
    assert "<script" not in out.replace(html.escape(summary), "")
