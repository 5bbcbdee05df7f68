"""Categories: one docs/ folder each, ordered as mkdocs.yml's ``extra.categories`` says.

Pure helpers used by hooks/categories.py: where a page belongs, the order of
navigation sections, and the Markdown table the home page shows.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence

PLACEHOLDER = "<!-- kb:categories -->"

# The reader's indexes, one top-level navigation section in this order (those that exist).
INDEX_SECTION_TITLE = "索引"
INDEX_PAGES = ("glossary.md", "interview.md", "interview/practice.md", "tags.md", "graph.md")

# A Markdown inline link to a sibling page, as category index lists are written: [标题](page.md).
_LIST_LINK = re.compile(r"\]\(<?([^)\s#>]+\.md)>?(?:#[^)\s]*)?\)")


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


def listed_pages(index_uri: str, markdown: str) -> list[str]:
    """The src_uris a category index links to, in the order it lists them, without repeats."""
    folder = posixpath.dirname(index_uri)
    seen: dict[str, None] = {}
    for target in _LIST_LINK.findall(markdown):
        if "://" in target or target.startswith("/"):
            continue
        seen.setdefault(posixpath.normpath(posixpath.join(folder, target)), None)
    return list(seen)


def order_by_listing(uris: Sequence[str], listing: Sequence[str]) -> tuple[list[str], list[str]]:
    """Sort a category's page uris as its index lists them; return (ordered, unlisted).

    The index page itself leads; pages the index does not list follow in their original
    order and are returned separately so the caller can warn about them.
    """
    rank = {uri: i for i, uri in enumerate(listing)}
    unlisted = [u for u in uris if u not in rank and not u.endswith("index.md")]
    ordered = sorted(uris, key=lambda u: (-1 if u.endswith("index.md") else rank.get(u, len(rank)),))
    return ordered, unlisted


def index_section_order(uris: Iterable[str]) -> list[str]:
    """The index pages among ``uris``, in the order the 「索引」 section lists them."""
    present = set(uris)
    return [uri for uri in INDEX_PAGES if uri in present]


def index_section_position(folders: Sequence[str | None]) -> int:
    """Where 「索引」 goes among the top-level items (given by their folder): just before
    关于本站 (``about``) when it exists, else last."""
    folders = list(folders)
    return folders.index("about") if "about" in folders else len(folders)
