"""Render a navigation section's children once per page directory instead of once per page.

Flow: the theme draws, on every page, every item of the page's navigation section
(``overrides/partials/nav-item.html``). An item that is not on the current page's path
renders the same on many pages: nothing in it is active, and its links are relative
to the page. ``NavMemo.children`` renders the children of a section in Python, calling
the template's own ``render`` macro, and keeps what it rendered for an inactive item
under a key that captures everything the markup depends on:

- the item's position in the tree (the theme's ``path``, e.g. ``__nav_3_2``, which also
  fixes its level), and whether its parent is active;
- the directory the page's relative links start from. MkDocs writes a link as
  ``..`` for each part of that directory not shared with the target, then the rest of
  the target (``mkdocs.utils.get_relative_url``). When no link in the item's subtree
  points inside that directory, only its parent matters, so all pages of one folder
  share the rendering; otherwise the directory itself is the key.

So a section of n pages costs one join of n strings per page instead of n template
calls, and the result is the theme's markup (tests/test_navmemo.py compares every page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def url_parts(url: str) -> tuple[str, ...] | None:
    """The path parts of a site-relative URL; None for one MkDocs would normalise (``..``)."""
    parts = tuple(part for part in url.split("/") if part not in ("", "."))
    return None if ".." in parts else parts


def link_base(page_url: str) -> tuple[str, ...] | None:
    """The directory a page's relative links start from (the URL without a file name)."""
    head, _, last = page_url.rpartition("/")
    return url_parts(head if "." in last else page_url)


class NavMemo:
    """Rendered inactive navigation items of one build, shared by the pages they render alike on."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, str] = {}
        self._prefixes: dict[int, frozenset[tuple[str, ...]]] = {}
        self.hits = 0
        self.renders = 0

    def children(self, section: Any, index: Any, path: str, level: int, page: Any, render: Callable) -> str:
        """The markup of ``section``'s children as the theme's loop writes it (its index page left out)."""
        base = link_base(page.url) if page is not None else None
        out = []
        for number, item in enumerate(section.children, 1):
            if index is not None and item == index:
                continue
            child_path = f"{path}_{number}"
            key = self._key(item, child_path, section, base)
            if key is None:
                out.append(str(render(item, child_path, level + 1, section)))
                continue
            html = self._rendered.get(key)
            if html is None:
                html = self._rendered[key] = str(render(item, child_path, level + 1, section))
                self.renders += 1
            else:
                self.hits += 1
            out.append(html)
        return "".join(out)

    def _key(self, item: Any, path: str, parent: Any, base: tuple[str, ...] | None) -> tuple | None:
        if item.active or base is None:
            return None  # on the page's path (or a URL we do not model): rendered for this page
        start = base[:-1] if base and base not in self._subtree_prefixes(item) else base
        return (path, bool(parent.active), start, len(base))

    def _subtree_prefixes(self, item: Any) -> frozenset[tuple[str, ...]]:
        """Every directory prefix of every link URL under ``item`` (itself included)."""
        found = self._prefixes.get(id(item))
        if found is None:
            prefixes: set[tuple[str, ...]] = set()
            stack = [item]
            while stack:
                node = stack.pop()
                stack.extend(getattr(node, "children", None) or ())
                url = getattr(node, "url", None)
                parts = url_parts(url) if isinstance(url, str) else None
                if parts is None:
                    continue
                prefixes.update(parts[:n] for n in range(len(parts) + 1))
            found = self._prefixes[id(item)] = frozenset(prefixes)
        return found
