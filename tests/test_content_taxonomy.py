"""The site's taxonomy and reader-facing conventions (issue 15): tags, categories, admonitions, corrections.

- every page tag is in the controlled vocabulary (mkdocs.yml extra.tags_vocabulary), which the
  authoring guide documents as a table, and every vocabulary tag is used by at least two pages;
- every topic page is in a category folder with at least two topic pages;
- every admonition has a title (else Material shows the English "Note");
- corrections are collapsed `??? note "勘误：…"` blocks, and 「原笔记」 appears only inside them
  (in the folders whose content pass is done: REVIEWED).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from contentlib import (
    DOCS,
    ROOT,
    admonition_heads,
    body,
    corrections_text,
    front_matter,
    rel,
    topic_pages,
    without_corrections,
)

PAGES = sorted(DOCS.rglob("*.md"))
CATEGORIES = sorted(p.name for p in DOCS.iterdir() if p.is_dir() and p.name != "about")
# Category folders still being reorganised by a content pass (none left: 「其他」 is gone).
PENDING_CATEGORIES: set[str] = set()
VOCABULARY: dict[str, str] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
    "extra"
]["tags_vocabulary"]


def page_tags() -> dict[str, list[str]]:
    return {rel(p): front_matter(p).get("tags") or [] for p in PAGES}


def test_vocabulary_is_short_and_documented_in_the_authoring_guide():
    assert 30 <= len(VOCABULARY) <= 50
    guide = body(DOCS / "about" / "authoring.md")
    section = guide.split("### 标签词表 {#tags}", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| (?!标签 \||---)(.+?) \| (.+?) \|$", section, re.M)
    assert dict(rows) == VOCABULARY
    assert [tag for tag, _ in rows] == list(VOCABULARY)


@pytest.mark.parametrize("path", PAGES, ids=rel)
def test_page_tags_are_in_the_vocabulary(path):
    tags = front_matter(path).get("tags") or []
    assert [t for t in tags if t not in VOCABULARY] == []
    assert len(set(tags)) == len(tags)


def test_every_vocabulary_tag_is_used_by_two_pages():
    used = Counter(t for tags in page_tags().values() for t in tags)
    assert {t: used[t] for t in VOCABULARY if used[t] < 2} == {}


@pytest.mark.parametrize("category", [c for c in CATEGORIES if c not in PENDING_CATEGORIES])
def test_every_category_has_at_least_two_topic_pages(category):
    assert (DOCS / category / "index.md").is_file()
    assert len(topic_pages(category)) >= 2, f"{category}/ holds one page: move it into a real category"


def test_reviewed_folders_are_all_the_categories():
    assert sorted(REVIEWED) == CATEGORIES


def test_every_page_is_in_a_category():
    loose = [rel(p) for p in DOCS.glob("*.md") if p.name not in {"index.md", "tags.md", "glossary.md", "interview.md"}]
    assert loose == []


# --- admonitions and corrections -------------------------------------------------------------

# Folders whose content pass (issue 15) is done: corrections collapsed and titled, 「原笔记」 only
# inside them. A new category folder joins this list once its pages follow the convention.
REVIEWED = [
    "databases",
    "devops",
    "distributed",
    "docker",
    "kubernetes",
    "linux",
    "middleware",
    "networking",
    "security",
    "system-design",
]
REVIEWED_PAGES = [p for folder in REVIEWED for p in sorted((DOCS / folder).rglob("*.md"))]
# Pages where the notes are the subject of the running text itself (the site's own about pages).
ORIGINAL_NOTES_ALLOWED = {"about/authoring.md"}


@pytest.mark.parametrize("path", PAGES, ids=rel)
def test_every_admonition_has_a_title(path):
    untitled = [kind for kind, title in admonition_heads(body(path)) if not (title or "").strip()]
    assert untitled == [], "an untitled admonition renders Material's English default title"


@pytest.mark.parametrize("path", PAGES, ids=rel)
def test_admonition_titles_are_chinese(path):
    for kind, title in admonition_heads(body(path)):
        assert title is None or re.search(r"[\u4e00-\u9fff]", title), f"{kind}: {title!r}"


@pytest.mark.parametrize("path", REVIEWED_PAGES, ids=rel)
def test_corrections_are_collapsed_notes_saying_what_they_correct(path):
    for line in body(path).splitlines():
        if re.match(r'^\s*(?:!!!|\?\?\?\+?)\s+\w+\s+"勘误', line):
            assert re.match(r'^\s*\?\?\? note "勘误：[^"]{4,}"$', line), line


@pytest.mark.parametrize("path", [p for p in REVIEWED_PAGES if rel(p) not in ORIGINAL_NOTES_ALLOWED], ids=rel)
def test_original_notes_mentioned_only_inside_corrections(path):
    outside = [line.strip() for line in without_corrections(body(path)).splitlines() if "原笔记" in line]
    assert outside == []


def test_correction_helpers_tell_blocks_from_running_text():
    text = (
        "正文。\n\n"
        '??? note "勘误：某个默认值"\n'
        "    原笔记写错了。\n\n"
        "        缩进更深的代码。\n\n"
        '!!! warning "勘误"\n'
        "    旧写法也算。\n"
        "原笔记出现在正文。\n"
        '!!! note\n    无标题。\n'
        '```markdown\n!!! note\n```\n'
    )
    kept = without_corrections(text)
    assert "原笔记写错了" not in kept and "旧写法也算" not in kept and "缩进更深" not in kept
    assert "原笔记出现在正文" in kept
    assert "原笔记写错了" in corrections_text(text)
    assert admonition_heads(text) == [("note", "勘误：某个默认值"), ("warning", "勘误"), ("note", None)]
