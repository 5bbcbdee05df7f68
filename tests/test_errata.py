"""Errata page (hooks/kb/errata.py, hooks/errata.py): pure functions, a small real build, the real site."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from conftest import page_md, run_build
from contentlib import DOCS, body
from hypothesis import given
from hypothesis import strategies as st
from kb.errata import Correction, ErrataPage, collect_corrections, render_count, render_errata
from kb.htmlwalk import text_content
from kb.searchshards import read_documents

H2 = '<h2 id="{0}">{1}<a class="headerlink" href="#{0}" title="Permanent link">&para;</a></h2>'
DETAILS = '<details class="note">\n<summary>{0}</summary>\n<p>正文</p>\n</details>'
WARNING = '<div class="admonition warning">\n<p class="admonition-title">{0}</p>\n<p>正文</p>\n</div>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # collapsed correction under a heading: the section is the heading, not its permalink
        (H2.format("bu-shu", "部署") + DETAILS.format("勘误：默认值已改变"), [("errata-默认值已改变", "勘误：默认值已改变", "bu-shu", "部署")]),
        # the older open form counts too; a bare title takes its id from the section
        (H2.format("s", "小节 A") + WARNING.format("勘误"), [("errata-小节-a", "勘误", "s", "小节 A")]),
        # other admonitions and questions are not corrections
        (DETAILS.format("提示：勘误不在开头") + WARNING.format("注意"), []),
        # an untitled admonition is skipped, a following one is still seen
        ('<div class="admonition note">\n<p>无标题</p>\n</div>' + DETAILS.format("勘误：甲"), [("errata-甲", "勘误：甲", "", "")]),
        # an id the author gave is kept
        ('<details class="note" id="mine"><summary>勘误：乙</summary></details>', [("mine", "勘误：乙", "", "")]),
        # the same title twice gets two ids
        (DETAILS.format("勘误：丙") + DETAILS.format("勘误：丙"), [("errata-丙", "勘误：丙", "", ""), ("errata-丙-2", "勘误：丙", "", "")]),
        # code is opaque: a <details> written inside <pre> is text
        ('<pre><code>&lt;details&gt;勘误</code></pre>', []),
    ],
)
def test_collect_corrections(html, expected):
    out, found = collect_corrections(html)
    assert [(c.id, c.title, c.section_id, c.section) for c in found] == expected
    for c in found:
        assert f'id="{c.id}"' in out
    assert text_content(out) == text_content(html)  # only ids are added


def test_collect_avoids_ids_taken_on_the_page():
    _, found = collect_corrections(DETAILS.format("勘误：丁"), taken={"errata-丁"})
    assert found[0].id == "errata-丁-2"


@given(st.lists(st.text(alphabet="勘误：ab <>&\"'x中", min_size=0, max_size=12), max_size=6))
def test_every_block_titled_kanwu_is_found_once_with_a_unique_id(titles):
    import html as htmllib

    page = "".join(DETAILS.format(htmllib.escape(t)) for t in titles)
    out, found = collect_corrections(page)
    wanted = [" ".join(t.split()) for t in titles if t.strip().startswith("勘误")]
    assert [c.title for c in found] == wanted
    assert len({c.id for c in found}) == len(found)
    assert text_content(out) == text_content(page)


@pytest.mark.parametrize(
    ("title", "section", "subject"),
    [("勘误：A 的默认值", "S", "A 的默认值"), ("勘误", "小节", "小节"), ("勘误:半角冒号", "", "半角冒号"), ("勘误", "", "勘误")],
)
def test_subject(title, section, subject):
    assert Correction("x", title, "", section).subject == subject


def test_render_groups_escapes_and_drops_empty_groups():
    c1 = Correction("errata-a", "勘误：<b>粗</b> & 细", "s", "小节 <i>")
    page = ErrataPage("页 <x>", "../p/", (("../p/#errata-a", c1),))
    sections = render_errata([("docker", "Docker", [page]), ("linux", "Linux", [ErrataPage("空", "../q/", ())])])
    assert [(s.id, s.title) for s in sections] == [("docker", "Docker")]
    html = sections[0].body
    assert "<b>" not in html and "&lt;b&gt;粗&lt;/b&gt; &amp; 细" in html and "页 &lt;x&gt;" in html
    assert 'href="../p/#errata-a"' in html and "（小节 &lt;i&gt;）" in html
    assert render_count(0, 0) == ""
    assert "3 条勘误，分布在 2 个页面" in render_count(3, 2)


def test_small_build_lists_corrections_by_category_and_links_them(make_project, tmp_path):
    project = make_project(
        {
            "index.md": page_md("首页"),
            "ops/index.md": page_md("运维", "- [甲](a.md)：甲页。\n"),
            "ops/a.md": page_md(
                "甲页",
                """
                ## 安装 <小节>

                正文。

                ??? note "勘误：安装命令已更新"
                    原笔记写 `apt install x`。

                !!! note "提示"
                    不是勘误。
                """,
            ),
            "about/index.md": page_md("关于", "- [勘误汇总](errata.md)：全部勘误。\n"),
        },
        config="extra:\n  categories: [ops, about]\n",
    )
    out = tmp_path / "out"
    result = run_build(project, site_dir=out)
    assert result.returncode == 0, result.stdout + result.stderr
    errata = (out / "about/errata/index.html").read_text(encoding="utf-8")
    assert '<h2 id="ops" data-search-exclude>运维' in errata
    assert 'href="../../ops/a/#errata-安装命令已更新">安装命令已更新</a>' in errata
    assert "（安装 &lt;小节&gt;）" in errata and "提示" not in errata
    page = (out / "ops/a/index.html").read_text(encoding="utf-8")
    assert re.search(r'<details class="note" id="errata-安装命令已更新">\s*<summary>勘误：安装命令已更新</summary>', page)
    entries = [d for d in read_documents(out / "search") if d["location"].startswith("about/errata/")]
    assert [(d["location"], d["text"]) for d in entries] == [("about/errata/", "")]


def test_a_docs_page_at_the_generated_path_is_reported(make_project):
    project = make_project({"index.md": page_md("首页"), "about/errata.md": page_md("手写")})
    result = run_build(project)
    assert result.returncode != 0
    assert "about/errata.md: this page is generated by hooks/errata.py" in result.stdout + result.stderr


_TITLE = re.compile(r'^\s*(?:\?\?\?\+?|!!!)\s+\w+\s+"(勘误[^"]*)"', re.M)


def test_every_correction_of_the_real_site_is_on_the_errata_page(site_dir):
    expected = {}
    for path in sorted(DOCS.rglob("*.md")):
        if path.parent.name == "about":
            continue  # the authoring guide shows the convention in a code block
        titles = _TITLE.findall(body(path))
        if titles:
            expected[path.relative_to(DOCS).with_suffix("").as_posix() + "/"] = titles
    assert sum(len(t) for t in expected.values()) > 0
    errata = (site_dir / "about/errata/index.html").read_text(encoding="utf-8")
    linked: dict[str, list[str]] = {}
    for url, anchor in re.findall(r'href="\.\./\.\./([^"#]+)#([^"]+)"', errata):
        linked.setdefault(url, []).append(anchor)
    assert {u: len(t) for u, t in expected.items()} == {u: len(a) for u, a in linked.items()}
    for url, anchors in linked.items():
        page = (site_dir / url / "index.html").read_text(encoding="utf-8")
        for anchor in anchors:
            match = re.search(rf'<(?:details|div)[^>]* id="{re.escape(anchor)}"[^>]*>\s*<(?:summary|p class="admonition-title")>([^<]*)<', page)
            assert match and match.group(1).startswith("勘误"), (url, anchor)


def test_reader_follows_a_correction_link_to_its_collapsed_block(site_url, page):
    page.goto(site_url + "about/errata/")
    assert page.locator("h1").inner_text().startswith("勘误汇总")
    link = page.locator("h2#kubernetes + ul.kb-errata ul a").first
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    block = page.locator(f"details[id='{unquote(anchor)}']")
    assert block.is_visible()
    summary = block.locator("summary").inner_text().strip()
    assert summary.startswith("勘误") and title in summary
    assert block.get_attribute("open") is None  # collapsed: the reader sees the title only
    top = block.bounding_box()["y"]
    assert 0 <= top < page.viewport_size["height"], "the link scrolls the block into view"
