"""Term-link share: characters of term-link text ÷ characters of visible main-content text, per page.

Usage: python bench/linkshare.py [SITE_DIR]   (without SITE_DIR: builds the site into a temp dir)

Reads every built page's <article> (Material's main content), counts the non-white-space
characters a reader sees there (Mermaid sources, scripts, styles, SVG and the ¶ permalinks
excluded) and those inside a.autolink, and prints one row per page, then the maximum for
listing pages (home, category indexes) and for topic pages, against the policy's caps
(kb.linkpolicy). The same measure runs in the rendered DOM in tests/test_popover_browser.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kb.linkpolicy import LISTING_MAX, TOPIC_MAX, is_listing, page_share  # noqa: E402

# Pages the hooks generate: no term links there (kb.site.is_generated).
GENERATED = ("glossary", "interview", "interview/practice", "tags", "graph", "about/errata", "search")


def pages(site: Path):
    """(src-like path, html) of every author page of a built site (generated indexes skipped)."""
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parent.as_posix()
        if rel in GENERATED or rel.startswith("assets"):
            continue
        src = "index.md" if rel == "." else f"{rel}.md"
        if (ROOT / "docs" / rel / "index.md").exists():
            src = "index.md" if rel == "." else f"{rel}/index.md"
        if not (ROOT / "docs" / src).exists():
            continue
        yield src, path.read_text(encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp(prefix="linkshare-"))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    rows = []
    for src, html in pages(site):
        linked, total, count = page_share(html)
        rows.append((src, linked, total, count))
    print(f"{'page':48} {'links':>5} {'linked':>6} {'text':>6} {'share':>7}")
    for src, linked, total, count in sorted(rows, key=lambda r: -(r[1] / max(r[2], 1))):
        print(f"{src:48} {count:5d} {linked:6d} {total:6d} {linked / max(total, 1):7.2%}")
    for kind, cap, chosen in (
        ("listing", LISTING_MAX, [r for r in rows if is_listing(r[0])]),
        ("topic", TOPIC_MAX, [r for r in rows if not is_listing(r[0])]),
    ):
        worst = max(chosen, key=lambda r: r[1] / max(r[2], 1))
        links = sum(r[3] for r in chosen)
        print(
            f"max {kind} share: {worst[1] / max(worst[2], 1):.2%} ({worst[0]}), cap {cap:.0%}; "
            f"{len(chosen)} pages, {links} term links"
        )


if __name__ == "__main__":
    main()
