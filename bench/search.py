"""Search benchmark: our engine vs stock Material search, same docs, real search box in Chromium.

    .venv/bin/python bench/search.py [--queries bench/queries.yaml] [--json out.json] [--reuse DIR]
    .venv/bin/python bench/search.py --scales 1,10,30 [--throttle 4] [--reuse DIR]
    .venv/bin/python bench/search.py --time-writer SITE

Builds the site twice into a temporary directory: "ours" with the project's
mkdocs.yml, and "stock" with a temporary config that INHERITs mkdocs.yml but
drops hooks/search.py and points the theme's custom_dir at an empty folder
(so Material's own worker, index escapes and no glossary dictionary). Serves
each over HTTP on 127.0.0.1 and, in headless Chromium, types every query of
the query set into Material's search box and reads the rendered results.

Reported per engine: hit@1, hit@5, MRR (over the ranked result links, see
``ranked_links``), median and p90 time from the final keystroke to the
rendered result list, median time until the search worker reports ready on
a cold page load, and the search payload (index + worker + scripts the
worker loads), raw and gzip.

With ``--scales`` it measures cost instead of quality, on the real site (1)
and on synthetic corpora of N times its pages (``bench/build.py``'s
generator): for each engine, cold loads (median) — ms to READY, ms from
the index request to READY, gzip bytes of the search files fetched before
the first result of a query, ms to that result — then warm query latency
(median, p90), all on the desktop CPU and with the CPU throttled through
the DevTools protocol (``Emulation.setCPUThrottlingRate``), and our
engine's JS heap after setup and the warm queries.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import BUILD_ENV, CHROMIUM, CHROMIUM_ARGS  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from kb.searchshards import MANIFEST_VERSION, read_documents  # noqa: E402

OUR_HOOK = "hooks/search.py"


class _KeepAliveHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep connections open, as any real static server does
    # TCP_NODELAY, as nginx and other static servers set it: with keep-alive, Nagle's algorithm
    # holds back the body written after the headers until the client's delayed ACK (~40 ms a shard).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def serve_directory(directory: Path):
    """Like conftest's server, with HTTP/1.1 keep-alive: the engine fetches several small shards."""
    handler = functools.partial(_KeepAliveHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"

# Records when the search worker first answers READY (message type 1).
READY_PROBE = """
(() => {
  const Native = window.Worker
  window.__searchReady = null
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 1 && window.__searchReady === null)
          window.__searchReady = performance.now()
      })
    }
  }
})()
"""

# Resolves once the result list and its meta line have been quiet for `quiet` ms.
SETTLE_JS = """
([quiet, limit]) => new Promise(resolve => {
  const root = document.querySelector(".md-search-result")
  let timer = setTimeout(done, quiet)
  const cap = setTimeout(done, limit)
  const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet) })
  obs.observe(root, { childList: true, subtree: true, characterData: true })
  function done() { obs.disconnect(); clearTimeout(cap); clearTimeout(timer); resolve() }
})
"""

# Arms a probe: keydown time of the next key, time of the first result DOM change after it.
ARM_JS = """
() => {
  const root = document.querySelector(".md-search-result")
  const input = document.querySelector("input.md-search__input")
  window.__kd = null; window.__rendered = null
  input.addEventListener("keydown", () => { window.__kd = performance.now() }, { once: true, capture: true })
  const obs = new MutationObserver(() => {
    if (window.__kd !== null && window.__rendered === null) {
      window.__rendered = performance.now(); obs.disconnect()
    }
  })
  obs.observe(root, { childList: true, subtree: true, characterData: true })
}
"""

# Per result group (one page): [[href, score], ...] in DOM order, the page header first.
LINKS_JS = """
items => items.map(li => [...li.querySelectorAll("a.md-search-result__link")].map(a =>
  [a.getAttribute("href"), parseFloat(a.firstElementChild.getAttribute("data-md-score") || "0")]))
"""


# ---------------------------------------------------------------------------
# Query set and ranking (pure)


@dataclass(frozen=True)
class Query:
    q: str
    expect: str  # site-relative URL: "linux/top/" or "linux/top/#keys"
    category: str
    note: str = ""


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a list of {{q, expect, category}}")
    out = []
    for i, item in enumerate(data):
        try:
            out.append(Query(str(item["q"]), str(item["expect"]), str(item["category"]),
                             str(item.get("note", ""))))
        except (KeyError, TypeError):
            raise SystemExit(f"{path}: entry {i} needs q, expect and category") from None
    return out


def target_of(href: str, base: str) -> str:
    """A result link as a site-relative 'path/#anchor' (query string dropped, anchor decoded)."""
    parts = urlsplit(href)
    base_path = urlsplit(base).path
    path = unquote(parts.path)
    if path.startswith(base_path):
        path = path[len(base_path):]
    return path + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def ranked_links(groups: list[list[tuple[str, float]]], base: str) -> list[str]:
    """Result targets in the order the reader sees them.

    Material renders each page as a group: the page header first, then the
    page's sections. The header is itself a result (shown with its teaser)
    only when it scored at least as high as every section of the group;
    otherwise it is just the group's heading, and the sections are the results.
    """
    out = []
    for links in groups:
        if not links:
            continue
        (head, head_score), sections = links[0], links[1:]
        if head_score > 0 and all(head_score >= score for _, score in sections):
            out.append(target_of(head, base))
        out += [target_of(href, base) for href, _ in sections]
    return out


def rank_of(expect: str, targets: list[str]) -> int | None:
    """1-based rank of the first result that satisfies `expect` (a page, or a page#section)."""
    for i, target in enumerate(targets, 1):
        if "#" in expect:
            if target == expect:
                return i
        elif target.split("#", 1)[0] == expect:
            return i
    return None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ---------------------------------------------------------------------------
# Builds


def project_hooks(block: re.Match | None) -> list[str]:
    """The hook paths of mkdocs.yml's `hooks:` list (its lines may end with a comment)."""
    lines = block.group(1).splitlines() if block else []
    return [line.split("#", 1)[0].strip()[1:].strip() for line in lines if line.split("#", 1)[0].strip()]


def stock_config(dest: Path, project: Path = ROOT) -> Path:
    """A config inheriting mkdocs.yml without our search hook and overrides."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:[ \t]+-.*\n)+)", text, re.MULTILINE)
    hooks = project_hooks(block)
    hooks = [h for h in hooks if h != OUR_HOOK]
    empty = dest / "empty-overrides"
    empty.mkdir(parents=True, exist_ok=True)
    config = {
        "INHERIT": str(project / "mkdocs.yml"),
        "docs_dir": str(project / "docs"),
        "theme": {"custom_dir": str(empty)},
        "hooks": [str(project / h) for h in hooks],
    }
    path = dest / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config: Path, site: Path, strict: bool = False) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if strict:
        cmd.append("--strict")
    result = subprocess.run(cmd, cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"build failed ({config}):\n{result.stdout}{result.stderr}")


def locations(site: Path) -> set[str]:
    return {unquote(doc["location"]) for doc in read_documents(site / "search")}


def payload(site: Path) -> dict[str, int]:
    """Bytes the search downloads: the index, the worker and the scripts it imports."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    html = (site / "index.html").read_text(encoding="utf-8")
    files = [site / "search" / "search_index.json"]
    if "assets/javascripts/search.js" in html:
        files.append(site / "assets" / "javascripts" / "search.js")
        manifest = index["config"].get("kb", {}).get("manifest")
        if manifest:  # the engine's manifest shard
            files.append(site / "search" / "kb" / f"{manifest}.json")
    else:
        files += sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        langs = index["config"]["lang"]
        lunr = site / "assets" / "javascripts" / "lunr" / "min"
        extra = ["lunr.stemmer.support.min.js"] + [f"lunr.{lang}.min.js" for lang in langs if lang != "en"]
        if len(langs) > 1:
            extra.append("lunr.multi.min.js")
        files += [lunr / name for name in extra]
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files)
    idx = files[0].read_bytes()
    return {"raw": raw, "gzip": gz, "index_raw": len(idx), "index_gzip": len(gzip.compress(idx, 6))}


# ---------------------------------------------------------------------------
# Browser


class SearchDriver:
    """Material's search box on one open page."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.input = page.locator("input.md-search__input")

    def open(self, path: str = "") -> float:
        """Load a page and wait for the search worker; return ms until READY."""
        self.page.add_init_script(READY_PROBE)
        self.page.goto(self.base + path)
        self.page.wait_for_function("window.__searchReady !== null", timeout=15000)
        return self.page.evaluate("window.__searchReady")

    def settle(self, quiet: int = 120, limit: int = 3000) -> None:
        self.page.evaluate(SETTLE_JS, [quiet, limit])

    def search(self, query: str) -> tuple[list[str], float]:
        """Type `query` as a reader with an IME would: the text, then a key.

        Returns the ranked result targets and the ms from the last keydown to
        the first change of the result list.
        """
        self.input.click()
        self.input.fill(query[:-1])
        self.page.keyboard.press("End")
        self.settle()
        self.page.evaluate(ARM_JS)
        self.input.fill(query)
        self.page.keyboard.press("End")
        self.page.wait_for_function("window.__rendered !== null", timeout=10000)
        latency = self.page.evaluate("window.__rendered - window.__kd")
        self.settle()
        links = self.page.eval_on_selector_all(".md-search-result__list > li", LINKS_JS)
        return ranked_links(links, self.base), latency


@dataclass
class EngineResult:
    name: str
    ranks: list[int | None] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    payload: dict[str, int] = field(default_factory=dict)
    top: list[list[str]] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        n = len(self.ranks) or 1
        return {
            "hit@1": sum(1 for r in self.ranks if r == 1) / n,
            "hit@5": sum(1 for r in self.ranks if r is not None and r <= 5) / n,
            "mrr": sum(1 / r for r in self.ranks if r) / n,
            "median_ms": statistics.median(self.latencies) if self.latencies else float("nan"),
            "p90_ms": percentile(self.latencies, 0.9),
            "ready_ms": statistics.median(self.ready) if self.ready else float("nan"),
            **{f"payload_{k}": v for k, v in self.payload.items()},
        }


def run_engine(name: str, site: Path, queries: list[Query], browser, loads: int = 5) -> EngineResult:
    result = EngineResult(name, payload=payload(site))
    server, url = serve_directory(site)
    try:
        for _ in range(loads):  # cold loads: fresh context, empty cache
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            result.ready.append(SearchDriver(context.new_page(), url).open())
            context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        driver = SearchDriver(context.new_page(), url)
        driver.open()
        driver.search("warmup")
        for query in queries:
            targets, latency = driver.search(query.q)
            result.ranks.append(rank_of(query.expect, targets))
            result.latencies.append(latency)
            result.top.append(targets[:5])
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


# ---------------------------------------------------------------------------
# Scale: start-up cost, bytes before the first result, latency, heap, at N x the real page count

SEARCH_FILES = re.compile(r"/search/|/assets/javascripts/(search\.js|workers/|lunr/)")

HEAP_HTML = """<!doctype html><meta charset=utf-8><title>heap</title>
<script>
window.__heap = async function (queries) {
  gc(); const before = performance.memory.usedJSHeapSize
  await new Promise((ok, fail) => { const s = document.createElement("script")
    s.src = "assets/javascripts/search.js"; s.onload = ok; s.onerror = fail; document.head.appendChild(s) })
  const index = await (await fetch("search/search_index.json")).json()
  await KBSearch.handle({ type: 0, data: { config: index.config, docs: index.docs, options: {} } })
  for (const q of queries) await KBSearch.handle({ type: 2, data: q })
  gc(); gc()
  return performance.memory.usedJSHeapSize - before
}
</script>"""


def scale_config(work: Path, docs: Path, engine: str, categories: list[str] | None) -> Path:
    """A config inheriting mkdocs.yml for another docs_dir; stock drops our search hook and overrides."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:[ \t]+-.*\n)+)", text, re.MULTILINE)
    hooks = project_hooks(block)
    link = work / "overrides"  # custom_dir is relative to the config file
    if not link.exists():
        link.symlink_to(ROOT / "overrides", target_is_directory=True)
    config: dict = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs), "site_url": "http://127.0.0.1/"}
    if categories is not None:
        config["extra"] = {"categories": categories}
    if engine == "stock":
        empty = work / "empty-overrides"
        empty.mkdir(parents=True, exist_ok=True)
        config["theme"] = {"custom_dir": str(empty)}
        hooks = [h for h in hooks if h != OUR_HOOK]
    config["hooks"] = [str(ROOT / h) for h in hooks]
    path = work / f"mkdocs-{engine}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def scale_sites(work: Path, scales: list[int], engines: list[str],
                replicate_from: int = 0) -> dict[tuple[int, str], tuple[Path, int, float]]:
    """Build (or reuse) the real site (scale 1) and synthetic corpora: (scale, engine) -> (site, pages, seconds).

    Scales above `replicate_from` (if given) are not built: their index replicates that scale's.
    """
    from bench.build import read_pages, write_synthetic

    real = read_pages(ROOT / "docs")
    categories = [p.split("/")[0] for p, _, _ in real if p.count("/") == 1 and p.endswith("/index.md")]
    out = {}
    for scale in scales:
        if replicate_from and scale > replicate_from:
            for engine in engines:
                src, pages, _ = out.get((replicate_from, engine)) or scale_sites(
                    work, [replicate_from], [engine])[replicate_from, engine]
                site = work / f"site-{scale}x-{engine}-replicated"
                started = time.perf_counter()
                replicate_site(src, site, scale // replicate_from, engine)
                out[scale, engine] = (site, pages * (scale // replicate_from), time.perf_counter() - started)
            continue
        docs = ROOT / "docs" if scale == 1 else work / f"docs-{scale}x"
        if scale != 1 and not docs.exists():
            write_synthetic(docs, real, scale, categories)
        pages = len(list(docs.rglob("*.md")))
        for engine in engines:
            site = work / f"site-{scale}x-{engine}"
            seconds = float("nan")
            if not (site / "search" / "search_index.json").exists():
                config = scale_config(work, docs, engine, None if scale == 1 else categories)
                started = time.perf_counter()
                build(config, site)
                seconds = time.perf_counter() - started
                print(f"built {scale}x {engine} ({pages} pages) in {seconds:.0f}s", file=sys.stderr)
            out[scale, engine] = (site, pages, seconds)
    return out


def replicate_site(src: Path, dest: Path, factor: int, engine: str) -> None:
    """A site whose search index is `factor` times `src`'s: every document also under factor-1 renamed page paths.

    The pages are hard links to `src`'s; only the index is new (ours re-sharded with the project's
    code). Start-up, bytes and latency depend on the index alone, and a 30x or 100x build takes too
    long on a shared machine; the vocabulary does not grow, which the synthetic corpus's mostly does not either.
    """
    import os
    import shutil

    from kb.searchshards import write_shards

    if (dest / "search" / "search_index.json").exists():
        return
    shutil.copytree(src, dest, copy_function=os.link, ignore=shutil.ignore_patterns("search"), dirs_exist_ok=True)
    (dest / "search").mkdir(exist_ok=True)
    if engine == "stock":
        index = json.loads((src / "search" / "search_index.json").read_text(encoding="utf-8"))
    else:
        index = material_index(src)
    docs = index["docs"]
    index["docs"] = docs + [{**d, "location": f"r{k}/{d['location']}"} for k in range(1, factor) for d in docs]
    if engine == "stock":
        text = json.dumps(index)  # escaped, as Material writes it
    else:
        text, _ = write_shards(json.dumps(index, ensure_ascii=False), dest / "search" / "kb")
    (dest / "search" / "search_index.json").write_text(text, encoding="utf-8")


def material_index(site: Path) -> dict:
    """A built site's index as the hook hands it to the shard writer (the documents back in Material's schema)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = []
    for doc in read_documents(site / "search"):
        hidden = doc.pop("hidden", "")
        if hidden:
            doc["text"] += f" <p>{hidden}</p>"
        docs.append(doc)
    index["config"].pop("kb", None)
    index["docs"] = docs
    return index


def time_writer(site: Path, runs: int = 5) -> int:
    """Seconds the shard writer (kb.searchshards.write_shards) takes on a built site's index: median of `runs`."""
    import os

    from kb.searchshards import write_shards

    __import__("pypinyin.pinyin_dict")  # a build has imported it already (kb/terms.py)
    text = json.dumps(material_index(site), ensure_ascii=False)
    seconds = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            started = time.perf_counter()
            write_shards(json.loads(text), Path(out) / "kb")
            seconds.append(time.perf_counter() - started)
    docs = len(read_documents(site / "search"))
    print(f"write_shards on {site} ({docs} documents): median {statistics.median(seconds):.3f} s "
          f"(min {min(seconds):.3f}, max {max(seconds):.3f}) over {runs} runs; load average {os.getloadavg()[0]:.2f}")
    return 0


def refresh_engine(site: Path) -> None:
    """Give a built (or replicated) site of ours the current engine: bundle and shards."""
    from kb.bundle import bundle
    from kb.searchshards import write_shards

    script = site / "assets" / "javascripts" / "search.js"
    script.unlink(missing_ok=True)  # may be a hard link shared with another site
    script.write_text(bundle(ROOT / "web", "search"), encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    if index["config"].get("kb", {}).get("version") == MANIFEST_VERSION:
        return  # sharded by the current code already
    text, _ = write_shards(material_index(site), site / "search" / "kb")
    (site / "search" / "search_index.json").unlink()  # may be a hard link shared with another site
    (site / "search" / "search_index.json").write_text(text, encoding="utf-8")


def gzip_size(site: Path, url: str, base: str) -> int:
    path = site / unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def throttle(page, rate: float) -> None:
    if rate > 1:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})


def cold_start(browser, url: str, site: Path, query: str, rate: float) -> dict[str, float]:
    """One cold load: ms to READY, ms to the first rendered result of `query`, search bytes (gzip) until then."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    throttle(page, rate)
    seen: list[str] = []
    page.on("requestfinished", lambda r: seen.append(r.url) if SEARCH_FILES.search(r.url) else None)
    driver = SearchDriver(page, url)
    ready = driver.open()
    index_start = page.evaluate("""() => { const e = performance.getEntriesByType('resource')
        .find(e => e.name.includes('search_index')); return e ? e.startTime : 0 }""")
    driver.input.click()
    page.evaluate(ARM_JS)
    driver.input.fill(query)
    page.keyboard.press("End")  # the keydown the probe times from
    page.wait_for_function("window.__rendered !== null", timeout=60000)
    first = page.evaluate("window.__rendered - window.__kd")
    driver.settle()
    got = page.locator(".md-search-result__item").count()
    context.close()
    return {"ready": ready, "own_ready": ready - index_start, "first": first, "results": got,
            "bytes": sum(gzip_size(site, u, url) for u in set(seen))}


def heap_of(browser, site: Path, queries: list[str]) -> float:
    """Bytes of JS heap the engine holds after setup and `queries` (our engine only; needs gc)."""
    (site / "__heap.html").write_text(HEAP_HTML, encoding="utf-8")
    server, url = serve_directory(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "__heap.html")
        used = page.evaluate("q => window.__heap(q)", queries)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
        (site / "__heap.html").unlink()
    return used


def run_scale(args, queries: list[Query]) -> int:
    from playwright.sync_api import sync_playwright

    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]
    engines = args.engines.split(",")
    sites = scale_sites(work, scales, engines, args.replicate_from)
    for (scale, engine), (site, _, _) in sites.items():
        if engine == "ours" and scale != 1:
            refresh_engine(site)  # corpora built earlier, or replicated from them
    texts = [q.q for q in queries][: args.warm]
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=[*CHROMIUM_ARGS, "--enable-precise-memory-info", "--js-flags=--expose-gc"])
        for (scale, engine), (site, pages, seconds) in sites.items():
            for rate in (1, args.throttle):
                server, url = serve_directory(site)
                try:
                    colds = [cold_start(browser, url, site, texts[i % len(texts)], rate) for i in range(args.loads)]
                    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                    page = context.new_page()
                    throttle(page, rate)
                    driver = SearchDriver(page, url)
                    driver.open()
                    driver.search("warmup")
                    lat = [driver.search(q)[1] for q in (texts if rate == 1 else texts[: max(5, len(texts) // 2)])]
                    context.close()
                finally:
                    server.shutdown()
                    server.server_close()
                heap = heap_of(browser, site, texts) if engine == "ours" and rate == 1 else float("nan")
                row = {
                    "scale": scale, "engine": engine, "pages": pages, "cpu": rate, "build_s": seconds,
                    "bytes": statistics.median(c["bytes"] for c in colds),
                    "ready": statistics.median(c["ready"] for c in colds),
                    "own_ready": statistics.median(c["own_ready"] for c in colds),
                    "first": statistics.median(c["first"] for c in colds),
                    "median": statistics.median(lat), "p90": percentile(lat, 0.9), "heap": heap,
                    "latencies": [round(x, 1) for x in lat],
                }
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
        browser.close()
    print("| scale | pages | engine | CPU | gzip KB before first result | ready (ms) | "
          "of which after the index request | first result (ms) | warm median / p90 (ms) | heap (MB) |")
    print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for r in rows:
        heap = "" if r["heap"] != r["heap"] else f"{r['heap'] / 1e6:.1f}"
        print(f"| {r['scale']}× | {r['pages']} | {r['engine']} | ×{r['cpu']:g} | {r['bytes'] / 1000:.0f} | "
              f"{r['ready']:.0f} | {r['own_ready']:.0f} | {r['first']:.0f} | "
              f"{r['median']:.0f} / {r['p90']:.0f} | {heap} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# Report


def table(results: list[EngineResult], count: int) -> str:
    rows = [
        ("queries", lambda s: f"{count}"),
        ("hit@1", lambda s: f"{s['hit@1']:.1%}"),
        ("hit@5", lambda s: f"{s['hit@5']:.1%}"),
        ("MRR", lambda s: f"{s['mrr']:.3f}"),
        ("median keystroke→rendered (ms)", lambda s: f"{s['median_ms']:.1f}"),
        ("p90 keystroke→rendered (ms)", lambda s: f"{s['p90_ms']:.1f}"),
        ("search ready, cold load (ms)", lambda s: f"{s['ready_ms']:.0f}"),
        ("payload raw (KiB)", lambda s: f"{s['payload_raw'] / 1024:.1f}"),
        ("payload gzip (KiB)", lambda s: f"{s['payload_gzip'] / 1024:.1f}"),
        ("  of which index raw / gzip (KiB)",
         lambda s: f"{s['payload_index_raw'] / 1024:.1f} / {s['payload_index_gzip'] / 1024:.1f}"),
    ]
    sums = [r.summary() for r in results]
    lines = ["| metric | " + " | ".join(r.name for r in results) + " |",
             "| --- |" + " --- |" * len(results)]
    for label, fmt in rows:
        lines.append(f"| {label} | " + " | ".join(fmt(s) for s in sums) + " |")
    return "\n".join(lines)


def group_table(results: list[EngineResult], queries: list[Query], key=lambda q: q.category,
                label: str = "category") -> str:
    """hit@1 / hit@5 per group of queries (by category, or by the stock failure they exercise)."""
    groups = sorted({key(q) for q in queries})
    lines = [f"| {label} | queries | " + " | ".join(f"{r.name} hit@1 / hit@5" for r in results) + " |",
             "| --- | ---: |" + " --- |" * len(results)]
    for group in groups:
        idx = [i for i, q in enumerate(queries) if key(q) == group]
        cells = []
        for r in results:
            ranks = [r.ranks[i] for i in idx]
            top1 = sum(1 for k in ranks if k == 1) / len(ranks)
            top5 = sum(1 for k in ranks if k is not None and k <= 5) / len(ranks)
            cells.append(f"{top1:.0%} / {top5:.0%}")
        lines.append(f"| {group} | {len(idx)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


FAILURES = {
    "1": "1 Latin next to Han",
    "2": "2 last Han character",
    "3": "3 stemming",
    "4": "4 identifiers",
    "5": "5 jieba dictionary",
    "": "other",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.yaml")
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument("--reuse", type=Path, help="build into / reuse this directory (ours/, stock/)")
    parser.add_argument("--engines", default="ours,stock")
    parser.add_argument("--misses", action="store_true", help="list the queries each engine missed")
    parser.add_argument("--scales", help="scale runs instead of quality: e.g. 1,10,30 (1 = the real site)")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slowdown for the phone runs (scale runs)")
    parser.add_argument("--loads", type=int, default=3, help="cold loads per scale run (median)")
    parser.add_argument("--warm", type=int, default=30, help="warm queries per scale run")
    parser.add_argument("--replicate-from", type=int, default=0,
                        help="scales above this one replicate its index instead of building a corpus")
    parser.add_argument("--time-writer", type=Path, metavar="SITE",
                        help="only time the shard writer on this built site's index")
    args = parser.parse_args(argv)
    if args.time_writer:
        return time_writer(args.time_writer)

    queries = load_queries(args.queries)
    if args.scales:
        return run_scale(args, queries)
    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-search-"))
    sites = {"ours": work / "ours", "stock": work / "stock"}
    engines = args.engines.split(",")
    for name in engines:
        if args.reuse and (sites[name] / "search" / "search_index.json").exists():
            continue
        started = time.perf_counter()
        config = ROOT / "mkdocs.yml" if name == "ours" else stock_config(work)
        build(config, sites[name])
        print(f"built {name} in {time.perf_counter() - started:.1f}s -> {sites[name]}", file=sys.stderr)

    known = locations(sites[engines[0]])
    usable, dropped = [], []
    for query in queries:
        (usable if query.expect in known or query.expect.split("#")[0] in known else dropped).append(query)
    for query in dropped:
        print(f"left out (target not in the site): {query.q} -> {query.expect}", file=sys.stderr)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        results = [run_engine(name, sites[name], usable, browser) for name in engines]
        browser.close()

    cats = sorted({q.category for q in usable})
    print(f"\n{len(usable)} queries over {len(cats)} categories ({', '.join(cats)}); "
          f"{len(dropped)} left out\n")
    print(table(results, len(usable)))
    print()
    print(group_table(results, usable))
    print()
    print(group_table(results, usable, key=lambda q: FAILURES.get(q.note, q.note), label="stock failure"))
    if args.misses:
        for r in results:
            print(f"\n{r.name}: not in top 5")
            for query, rank, top in zip(usable, r.ranks, r.top, strict=True):
                if rank is None or rank > 5:
                    print(f"  {query.q} -> {query.expect}: got {top[:3]}")
            print(f"{r.name}: top 5 but not first")
            for query, rank, top in zip(usable, r.ranks, r.top, strict=True):
                if rank is not None and 1 < rank <= 5:
                    print(f"  {query.q} -> {query.expect} (rank {rank}): got {top[:2]}")
    if args.json:
        args.json.write_text(json.dumps({
            r.name: {"summary": r.summary(), "ranks": r.ranks, "latencies": r.latencies, "ready": r.ready}
            for r in results
        } | {"queries": [q.__dict__ for q in usable], "left_out": [q.__dict__ for q in dropped]},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
