"""Build benchmark: cost of the project's hooks, and how build time and memory grow with pages.

Usage: python bench/build.py [--runs 3] [--scales 10,30,100] [--shapes nested,flat]
                              [--baseline-max 30] [--no-serve]

For the real docs/ and for synthetic corpora generated (seeded) at 10x and 30x (and 100x)
the real page count — "nested" (categories with groups and sub-sections, as a large real
site is laid out) and "flat" (every page straight in its category: the theme's worst case)
— it builds the site alternately with the project's hooks and with `hooks: []` (same
content, same theme, same plugins), and prints one table row per corpus: median wall time
of each, the ratio, time per page, peak RSS, page/term counts and the search payload. Then
it measures live editing under `mkdocs serve`: the time from saving a page to the page open
in Chromium showing the change (after livereload reloads it). Figures go to stdout; copy
them to bench/RESULTS.md with the machine described.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kb.frontmatter import check_meta  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
SEED = 20261122


# --- corpus -------------------------------------------------------------------------------------


def read_pages(docs: Path) -> list[tuple[str, dict, str]]:
    """(relative path, meta, markdown body) for every page of a docs tree."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8-sig"))
        pages.append((path.relative_to(docs).as_posix(), meta, body))
    return pages


def count_terms(pages) -> int:
    total = 0
    for _, meta, _ in pages:
        try:
            total += len(check_meta(meta))
        except ValueError:
            pass
    return total


def _paragraph_pool(pages) -> list[str]:
    """Prose paragraphs of the real notes, the raw material of synthetic pages."""
    pool = []
    for _, _, body in pages:
        body = re.sub(r"^(```|~~~).*?^\1", "", body, flags=re.S | re.M)
        for para in re.split(r"\n\s*\n", body):
            para = para.strip()
            if len(para) > 40 and not para.startswith(("#", "|", "!!!", "???", "<", "-", "*", ">")):
                # Links point at real pages the corpus does not have: keep their text only.
                pool.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", para))
    return pool


# Nested shape: pages in sub-sections of SUB_PAGES, sub-sections in groups of GROUP_SUBS, groups
# in the categories. With navigation.tabs + sections + prune, a page's navigation then shows its
# category's groups, their sub-sections as single links, and its own sub-section's pages: how a
# large real site is laid out so that the navigation stays short.
SUB_PAGES = 20
GROUP_SUBS = 8


def synthetic_path(cat: str, local: int, nested: bool, i: int) -> str:
    if not nested:
        return f"{cat}/page-{i:05d}.md"
    sub = local // SUB_PAGES
    return f"{cat}/g{sub // GROUP_SUBS:02d}/s{sub:03d}/page-{i:05d}.md"


def write_synthetic(
    dest: Path, real_pages, scale: int, categories: list[str], nested: bool = False
) -> tuple[int, int]:
    """A seeded corpus of scale x the real page count with proportional terms; returns (pages, terms).

    ``nested``: the category's pages in groups and sub-sections (each with an index page), else
    flat in the category (the worst case for the theme's navigation).
    """
    rng = random.Random(SEED + scale)
    pool = _paragraph_pool(real_pages)
    real_topics = [p for p in real_pages if not p[0].endswith("index.md")]
    n_pages = max(1, len(real_topics)) * scale
    terms_per_page = max(1, round(count_terms(real_pages) / max(1, len(real_topics))))
    syllables = "数据 缓存 集群 节点 副本 分片 调度 镜像 容器 网络 路由 日志 监控 事务 索引 队列 协议 内核".split()
    latin = "Alpha Beta Gamma Delta Kappa Sigma Omega Nova Flux Core Mesh Edge".split()
    dest.mkdir(parents=True)
    (dest / "index.md").write_text(
        "---\ntitle: 合成语料\ndescription: 基准测试用的合成语料首页。\n---\n\n# 合成语料\n\n<!-- kb:categories -->\n",
        encoding="utf-8",
    )
    listed: dict[str, list[str]] = {cat: [] for cat in categories}  # a category's own pages, as its index lists them
    all_terms: list[str] = []
    plans = []
    for i in range(n_pages):
        terms = []
        for j in range(terms_per_page):
            if (i + j) % 3 == 0:
                name = f"{rng.choice(latin)}{rng.choice(latin)} {i}-{j}"
            else:
                name = f"{rng.choice(syllables)}{rng.choice(syllables)}第{i}号{j}"
            terms.append(name)
        all_terms += terms
        plans.append(terms)
    section_pages = 0
    for i, terms in enumerate(plans):
        cat = categories[i % len(categories)]
        path = dest / synthetic_path(cat, i // len(categories), nested, i)
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            for folder in (path.parent, path.parent.parent):
                index = folder / "index.md"
                if folder != dest / cat and not index.exists():
                    name = folder.name
                    index.write_text(
                        f"---\ntitle: 小节 {cat} {name}\ndescription: 合成小节 {name}。\n---\n\n# 小节 {name}\n",
                        encoding="utf-8",
                    )
                    section_pages += 1
        lines = ["---", f"title: 合成页面 {i}", f"description: 合成页面 {i} 的说明。", "terms:"]
        for k, name in enumerate(terms):
            lines += [f"  \"{name}\":", f"    summary: 合成术语 {name} 的一句话定义。", f"    anchor: t{k}"]
        lines += ["---", "", f"# 合成页面 {i}", ""]
        for k, name in enumerate(terms):
            lines += [f"## {name} {{#t{k}}}", ""]
            for _ in range(3):
                mention = rng.choice(all_terms)
                lines += [f"{rng.choice(pool)} 参见{mention}。", ""]
        lines += ["??? question \"合成问题？\"", "    合成答案。", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
        if path.parent == dest / cat:
            listed[cat].append(f"- [合成页面 {i}]({path.name})：合成页面 {i} 的说明。")
    for cat, entries in listed.items():
        (dest / cat / "index.md").write_text(
            f"---\ntitle: 分类 {cat}\ndescription: 合成分类 {cat}。\n---\n\n# 分类 {cat}\n\n"
            + "\n".join(entries)
            + "\n",
            encoding="utf-8",
        )
    return n_pages + len(categories) + 1 + section_pages, len(all_terms)


# --- building -----------------------------------------------------------------------------------


def write_config(workdir: Path, docs: Path, with_hooks: bool, categories: list[str] | None) -> Path:
    """A config inheriting the real mkdocs.yml with another docs_dir, optionally without hooks."""
    for name in ("hooks", "overrides"):
        link = workdir / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    # site_url at the root, so that `mkdocs serve` serves pages at /page/ (it serves under site_url's path).
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", f"docs_dir: {docs}", "site_url: http://127.0.0.1/"]
    if categories is not None:
        lines += ["extra:", "  categories:"] + [f"    - {c}" for c in categories]
    if not with_hooks:
        lines.append("hooks: []")
    path = workdir / ("mkdocs-hooks.yml" if with_hooks else "mkdocs-nohooks.yml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_build(config: Path, site: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one `mkdocs build` in a fresh process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=config.parent)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"build failed for {config}:\n{err[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024


def payload(site: Path) -> tuple[int, int]:
    """Raw and gzip bytes of the whole search index: the manifest and every shard (the .json copies)."""
    raw = gz = 0
    for path in sorted((site / "search").rglob("*.json")):
        data = path.read_bytes()
        raw, gz = raw + len(data), gz + len(gzip.compress(data, 9))
    return raw, gz


def measure(
    name: str, docs: Path, runs: int, categories: list[str] | None, work: Path, baseline: bool = True
) -> dict:
    """Alternate builds with and without hooks; medians, ratio, memory and payload."""
    pages = read_pages(docs)
    with_cfg = write_config(work, docs, True, categories)
    without_cfg = write_config(work, docs, False, categories)
    times = {True: [], False: []}
    rss = {True: 0, False: 0}
    kinds = ((True, with_cfg), (False, without_cfg)) if baseline else ((True, with_cfg),)
    for _ in range(runs):
        for hooks, cfg in kinds:
            seconds, mem = timed_build(cfg, work / f"site-{hooks}")
            times[hooks].append(seconds)
            rss[hooks] = max(rss[hooks], mem)
    raw, gz = payload(work / "site-True")
    with_s = statistics.median(times[True])
    without_s = statistics.median(times[False]) if times[False] else 0.0
    return {
        "corpus": name,
        "pages": len(pages),
        "terms": count_terms(pages),
        "with": with_s,
        "without": without_s,
        "ratio": with_s / without_s if without_s else 0.0,
        "ms_per_page": 1000 * with_s / len(pages),
        "hook_ms_per_page": 1000 * (with_s - without_s) / len(pages) if without_s else 0.0,
        "rss_with": rss[True],
        "rss_without": rss[False],
        "payload_raw": raw,
        "payload_gz": gz,
    }


# --- live editing -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def measure_serve(docs: Path, categories: list[str] | None, work: Path, edits: int = 4) -> list[float]:
    """Seconds from saving a page to Chromium showing the change, under `mkdocs serve`.

    A reader's view: the page is open in Debian's Chromium, the file is saved, and the clock
    stops when the page the browser shows (reloaded by MkDocs' livereload once the whole
    rebuild is done) has the new text. The page polls every 20 ms.
    """
    from playwright.sync_api import sync_playwright

    config = write_config(work, docs, True, categories)
    page_file = next(p for p in sorted(docs.rglob("*.md")) if p.name != "index.md")
    url_path = page_file.relative_to(docs).with_suffix("").as_posix() + "/"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    original = page_file.read_text(encoding="utf-8")
    results = []
    try:
        deadline = time.monotonic() + 600
        while not _fetch(base + url_path) and time.monotonic() < deadline:
            time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            tab = browser.new_page()
            tab.goto(base + url_path)
            for n in range(edits):
                marker = f"基准编辑标记{n}{random.Random(n).randint(0, 10**9)}"
                time.sleep(2.0)  # let the watcher and the page settle after the previous rebuild
                start = time.perf_counter()
                page_file.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                tab.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})",
                                      timeout=300_000, polling=20)
                results.append(time.perf_counter() - start)
            browser.close()
    finally:
        page_file.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


# --- report -------------------------------------------------------------------------------------


def print_table(rows: list[dict], header: bool = True, flush: bool = False) -> None:
    if header:
        print(
            "| corpus | pages | terms | build with hooks (s) | without (s) | ratio | ms/page | hooks ms/page | "
            "peak RSS with / without (MiB) | search files raw / gzip (KiB) |"
        )
        print("|" + "---|" * 10)
    for r in rows:
        without = f"{r['without']:.2f}" if r["without"] else "—"
        ratio = f"{r['ratio']:.3f}" if r["ratio"] else "—"
        hooks = f"{r['hook_ms_per_page']:.1f}" if r["without"] else "—"
        print(
            f"| {r['corpus']} | {r['pages']} | {r['terms']} | {r['with']:.2f} | {without} | "
            f"{ratio} | {r['ms_per_page']:.1f} | {hooks} | "
            f"{r['rss_with']} / {r['rss_without'] or '—'} | "
            f"{r['payload_raw'] / 1024:.0f} / {r['payload_gz'] / 1024:.0f} |",
            flush=flush,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per corpus (median)")
    parser.add_argument("--scales", default="10,30", help="synthetic corpus sizes, multiples of the real one")
    parser.add_argument("--shapes", default="nested,flat", help="synthetic layouts: nested (sub-sections), flat")
    parser.add_argument("--baseline-max", type=int, default=30,
                        help="largest scale also built with `hooks: []` (the flat 100x one alone takes long)")
    parser.add_argument("--no-serve", action="store_true", help="skip the live-editing measurement")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s]
    shapes = [s for s in args.shapes.split(",") if s]

    real_pages = read_pages(ROOT / "docs")
    categories = [p.split("/")[0] for p, _, _ in real_pages if p.count("/") == 1 and p.endswith("/index.md")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "real").mkdir()
        rows.append(measure("real", ROOT / "docs", args.runs, None, tmp / "real"))
        print_table(rows[-1:], header=True, flush=True)
        corpora = {}
        for shape in shapes:
            for scale in scales:
                docs = tmp / f"docs-{shape}-{scale}x"
                write_synthetic(docs, real_pages, scale, categories, nested=shape == "nested")
                corpora.setdefault(shape, docs)
                work = tmp / f"work-{shape}-{scale}"
                work.mkdir()
                runs = args.runs if scale <= 30 else 1
                rows.append(measure(f"{shape} {scale}x", docs, runs, categories, work, scale <= args.baseline_max))
                print_table(rows[-1:], flush=True)
        print()
        print_table(rows, header=True)
        print()
        for shape in shapes:
            mine = [r for r in rows if r["corpus"].startswith(f"{shape} ")]
            for r in mine[1:]:
                a = mine[0]
                line = (f"time per page {r['corpus']} / {a['corpus']}: "
                        f"{r['ms_per_page'] / a['ms_per_page']:.2f} with hooks (target <= 1.20)")
                if r["without"] and a["without"]:
                    line += f", {(r['without'] / r['pages']) / (a['without'] / a['pages']):.2f} without"
                per_page = f"{r['rss_with'] / r['pages']:.3f} vs {a['rss_with'] / a['pages']:.3f} MiB"
                print(f"{line}; memory per page {per_page}")
        if not args.no_serve:
            real_copy = tmp / "real-serve" / "docs"
            shutil.copytree(ROOT / "docs", real_copy)
            (tmp / "real-serve" / "work").mkdir()
            runs = measure_serve(real_copy, None, tmp / "real-serve" / "work")
            print(f"\nserve, real corpus: save -> changed page in Chromium {', '.join(f'{s:.2f}' for s in runs)} s")
            if corpora:
                shape, docs = next(iter(corpora.items()))
                (tmp / "serve-big").mkdir()
                big = measure_serve(docs, categories, tmp / "serve-big")
                figures = ", ".join(f"{s:.2f}" for s in big)
                print(f"serve, {shape} {scales[0]}x: save -> changed page in Chromium {figures} s")


if __name__ == "__main__":
    main()
