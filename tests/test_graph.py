"""Related pages (hooks/kb/related.py) and the graph data and blocks (hooks/kb/graph.py): pure functions."""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kb.graph import (
    GraphPage,
    GraphTerm,
    build_graph,
    render_graph_page,
    render_local_graph,
    render_related,
    render_related_section,
    to_json,
    to_script,
)
from kb.htmlwalk import text_content
from kb.related import LIMIT, MIN_SCORE, idf_weights, page_features, rank_related


def test_page_features():
    features = page_features([("b/", "pod"), ("c/", ""), ("b/", "")], "a/", ["ctr"], ["z/"])
    assert features == {("link", "b/#pod"), ("link", "c/"), ("link", "b/"), ("link", "a/#ctr"), ("from", "z/")}


def test_idf_weights_general_features_count_little():
    features = {f"p{i}": {("link", "everywhere")} | ({("link", "rare")} if i < 2 else set()) for i in range(10)}
    weights = idf_weights(features)
    assert weights[("link", "everywhere")] == 0
    assert weights[("link", "rare")] == pytest.approx(math.log(5))
    assert idf_weights({"a": {("from", "x")}, "b": {("from", "x")}, "c": set()})[("from", "x")] == pytest.approx(
        0.5 * math.log(1.5)
    )


def site(n_filler=30):
    """a and b share a rare term; a and c share a general one; filler pages make the terms general or rare."""
    features = {
        "a/": {("link", "t/#rare"), ("link", "t/#common")},
        "b/": {("link", "t/#rare")},
        "c/": {("link", "t/#common")},
        "d/": {("link", "t/#rare"), ("link", "t/#common")},
    }
    for i in range(n_filler):
        features[f"f{i:02}/"] = {("link", "t/#common")} if i < 8 else {("link", f"own{i}")}
    return features


def test_rank_related_prefers_rare_shared_features_and_skips_weak_pairs():
    ranked = rank_related(site())
    assert [r.id for r in ranked["a/"]] == ["d/", "b/"]  # d shares both; c and fillers share only 'common'
    assert ranked["a/"][0].shared == (("link", "t/#rare"), ("link", "t/#common"))  # heaviest first
    assert ranked["c/"] == []  # sharing only a term a third of the site uses is not enough
    assert all(r.score >= MIN_SCORE for items in ranked.values() for r in items)


def test_rank_related_excludes_and_limits():
    ranked = rank_related(site(), exclude={"a/": {"d/"}}, limit=1)
    assert [r.id for r in ranked["a/"]] == ["b/"]
    many = {f"p{i}/": {("link", "x")} for i in range(9)} | {f"q{i}/": {("link", f"y{i}")} for i in range(90)}
    ranked = rank_related(many)
    assert [r.id for r in ranked["p0/"]] == ["p1/", "p2/", "p3/", "p4/", "p5/"]  # ties by id, at most LIMIT


feature_sets = st.dictionaries(
    st.sampled_from([f"{c}/" for c in "abcdefghij"]),
    st.frozensets(st.tuples(st.sampled_from(["link", "from"]), st.sampled_from("uvwxyz")), max_size=5),
    max_size=10,
)


@settings(max_examples=300, deadline=None)
@given(feature_sets, st.data())
def test_property_ranking_is_stable_bounded_and_never_self_or_excluded(features, data):
    exclude = {page: data.draw(st.sets(st.sampled_from(sorted(features)))) for page in features} if features else {}
    expected = rank_related(features, exclude, min_score=0.1)
    pages = list(features.items())
    random.Random(data.draw(st.integers())).shuffle(pages)
    again = rank_related(dict(pages), exclude, min_score=0.1)
    assert again == expected
    for page, items in expected.items():
        ids = [r.id for r in items]
        assert len(ids) <= LIMIT and len(set(ids)) == len(ids)
        assert page not in ids and not set(ids) & exclude[page]
        assert [r.score for r in items] == sorted((r.score for r in items), reverse=True)


# --- graph data --------------------------------------------------------------------------------

CATEGORIES = [("docker", "Docker"), ("kubernetes", "Kubernetes")]


def test_build_graph_nodes_links_and_colours():
    pages = [
        GraphPage("kubernetes/pod/", "Pod", "kubernetes", (("docker/c/", "ctr"), ("docker/c/", ""), ("x/", ""))),
        GraphPage("docker/c/", "容器", "docker", (("kubernetes/pod/", "sec"), ("kubernetes/pod/", "sec"))),
        GraphPage("about/x/", "关于", "about"),
    ]
    terms = [GraphTerm("容器", "docker/c/", "ctr"), GraphTerm("孤儿", "gone/", "a")]
    graph = build_graph(pages, terms, CATEGORIES)
    assert graph["categories"] == [["docker", "Docker"], ["kubernetes", "Kubernetes"]]
    assert graph["nodes"] == [
        {"id": "about/x/", "l": "关于", "k": "p", "c": -1},
        {"id": "docker/c/", "l": "容器", "k": "p", "c": 0},
        {"id": "kubernetes/pod/", "l": "Pod", "k": "p", "c": 1},
        {"id": "docker/c/#ctr", "l": "容器", "k": "t", "c": 0},
    ]
    # term - its page; Pod - term (link to the definition); Pod - 容器 page (plain link, and the
    # link back to a section that is not a term); links to pages outside the graph dropped.
    assert graph["links"] == [[1, 2], [1, 3], [2, 3]]
    assert json.loads(to_json(graph)) == graph
    script = to_script({"nodes": [{"l": "</script><b>\u2028"}]})
    assert script.startswith("window.__kbGraphData = {") and "</script>" not in script and "\u2028" not in script
    assert json.loads(script[len("window.__kbGraphData = ") : -2]) == {"nodes": [{"l": "</script><b>\u2028"}]}


def test_blocks_escape_everything():
    related = render_related([("<i>页</i>", '../a"/', ["x<y", "z"]), ("无", "../b/", [])])
    assert '<li><a href="../a&quot;/">&lt;i&gt;页&lt;/i&gt;</a>' in related
    assert "共同关联：x&lt;y、z" in related and '<li><a href="../b/">无</a></li>' in related
    assert render_related([]) == ""
    local = render_local_graph('a/"b')
    assert 'data-kb-node="a/&quot;b"' in local and "<summary>显示关系图</summary>" in local
    assert render_related_section("", "") == ""
    section = render_related_section("", local)
    assert '<h2 id="related" class="kb-related">相关页面</h2>' in section and "暂无" in section
    page = render_graph_page([("d", "<Docker>")], 3, 2, 4)
    assert "&lt;Docker&gt;" in page and "<Docker>" not in page
    assert text_content(page).startswith("3 个页面、2 个术语、4 条关系。")
    assert 'data-kb-graph="global"' in page and "var(--kb-graph-c0)" in page


def _all_pairs(features, exclude, limit=LIMIT, min_score=MIN_SCORE):
    """The definition: score every pair of pages."""
    weights = idf_weights(features)
    out = {}
    for page in sorted(features):
        found = []
        for other in sorted(features):
            if other == page or other in exclude.get(page, ()):
                continue
            shared = sorted(set(features[page]) & set(features[other]))
            score = math.fsum(weights[f] for f in shared)
            if score > 0 and score >= min_score:
                found.append((other, score, tuple(sorted(shared, key=lambda f: (-weights[f], f)))))
        found.sort(key=lambda r: (-r[1], r[0]))
        out[page] = found[:limit]
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"p{i}/" for i in range(12)]),
        st.frozensets(st.tuples(st.sampled_from(["link", "from"]), st.sampled_from("abcdefgh")), max_size=5),
        min_size=1,
    ),
    st.data(),
)
def test_rank_related_scores_the_same_pairs_as_the_definition(features, data):
    ids = sorted(features)
    exclude = {page: data.draw(st.sets(st.sampled_from(ids), max_size=3)) for page in ids}
    ranked = rank_related(features, exclude, min_score=0.5)
    expected = _all_pairs(features, exclude, min_score=0.5)
    assert {p: [(r.id, r.score, r.shared) for r in rs] for p, rs in ranked.items()} == expected
