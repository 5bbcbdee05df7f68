"""Mermaid comes from the site itself: the vendored copy `make vendor` fetches from npm.

The diagrams bundle (web/diagrams/) loads assets/vendor/mermaid.min.js relative to itself
and has no CDN fallback, so a site with diagrams and without that file shows raw source.
"""

from __future__ import annotations

from pathlib import Path

MERMAID = "assets/vendor/mermaid.min.js"
MISSING = "Mermaid is missing: run make vendor (needs npm)"


def has_diagram(html: str) -> bool:
    """Whether rendered page HTML holds a Mermaid block (superfences writes <pre class="mermaid">)."""
    return '<pre class="mermaid">' in html


def mermaid_missing(site_dir: str | Path) -> bool:
    path = Path(site_dir) / MERMAID
    return not path.is_file() or path.stat().st_size == 0
