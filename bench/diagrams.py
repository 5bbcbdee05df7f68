"""Diagram legibility: effective label size of every Mermaid diagram at 390 and 1440 px, in Chromium.

Usage: python bench/diagrams.py [--site DIR] [--json OUT]

Builds the site (or measures an existing build given with --site), serves it on 127.0.0.1
and measures every diagram as a reader sees it (tests/diagramprobe.py): its smallest label's
font size times its displayed width over its natural width. Prints, per width, how many
diagrams show labels below 8 px and below 10 px, the smallest and where, how many scroll
horizontally, how many have a full-size viewer, and how many a reader cannot reach whole.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402
from diagramprobe import diagram_pages, measure_widths, summary  # noqa: E402

WIDTHS = (390, 1440)


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build to measure instead of building one")
    parser.add_argument("--json", type=Path, help="write every diagram's measurements here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        pages = diagram_pages(site)
        server, url = serve_directory(site)
        everything = {}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                everything = measure_widths(browser, url, pages, WIDTHS)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"{'width':>6} {'diagrams':>8} {'<8px':>5} {'<10px':>6} {'smallest':>9}  {'scroll':>6} {'viewer':>6} {'unreach':>7}  smallest at")
    for width, results in everything.items():
        s = summary(results)
        print(
            f"{width:>6} {s['diagrams']:>8} {s['below8']:>5} {s['below10']:>6} {s['smallest']:>8}px"
            f"  {s['scrolling']:>6} {s['with_viewer']:>6} {s['unreachable']:>7}  {s['smallest_at']}"
        )
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
