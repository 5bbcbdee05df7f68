"""Categories: one docs/ folder each, ordered as mkdocs.yml's ``extra.categories`` says.

Pure helpers used by hooks/categories.py: where a page belongs, the order of
navigation sections, and the Markdown table the home page shows.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

PLACEHOLDER = "<!-- kb:categories -->"


def category_of(src_uri: str) -> str | None:
    """The category folder of a page, or None for pages at the top of docs/."""
    head, sep, _ = src_uri.partition("/")
    return head if sep else None


def count_pages(src_uris: Iterable[str], categories: Sequence[str]) -> dict[str, int]:
    """Topic pages per category (the category's own index.md is not a topic)."""
    counts = dict.fromkeys(categories, 0)
    for uri in src_uris:
        cat = category_of(uri)
        if cat in counts and uri.endswith(".md") and uri != f"{cat}/index.md":
            counts[cat] += 1
    return counts


def sort_key(order: Sequence[str]):
    """Key for navigation items: known categories in configured order, the rest after, stable."""
    rank = {slug: i for i, slug in enumerate(order)}

    def key(folder: str | None) -> int:
        if folder is None:
            return -1  # the home page stays first
        return rank.get(folder, len(rank))

    return key


def render_table(counts: Mapping[str, int], titles: Mapping[str, str], descriptions: Mapping[str, str]) -> str:
    """A Markdown table: category (linked), page count, one-line description."""
    rows = ["| 分类 | 页面数 | 内容 |", "| --- | ---: | --- |"]
    for slug, count in counts.items():
        title = html.escape(titles.get(slug, slug))
        desc = html.escape(descriptions.get(slug, "")).replace("|", "&#124;")
        rows.append(f"| [{title}]({slug}/index.md) | {count} | {desc} |")
    return "\n".join(rows)
