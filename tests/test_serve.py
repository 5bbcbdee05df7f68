"""`mkdocs serve` rebuilds after a term is added, renamed or removed (issue 7 item 7)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import BUILD_ENV, ROOT, hash_tree, page_md, write_project

sys.path.insert(0, str(ROOT / "hooks"))
from kb.searchshards import read_documents  # noqa: E402

pytestmark = pytest.mark.slow

WAIT = 60  # seconds, per step


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, condition, proc) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve exited"
        text = fetch(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url}: condition not met within {WAIT}s; last page:\n{text}")


def glossary_terms(text: str) -> list[str]:
    return re.findall(r"<dt id=\"[^\"]+\"[^>]*><a [^>]*>([^<]+)</a></dt>", text)


def autolinked(text: str) -> list[str]:
    return re.findall(r'<a class="autolink"[^>]*>([^<]+)</a>', text)


# Enough prose that the link budget of a topic page (kb.linkpolicy) allows both links.
FILLER = "这一段只是正文，让页面的术语链接占正文的比例保持在上限以内。" * 4


def term_page(name: str) -> str:
    return page_md(
        "定义页",
        f"# 定义页\n\n## 定义 {{#def}}\n\n{name}的定义。\n",
        terms=f"{{{name}: {{summary: 一句话。, anchor: def}}}}",
    )


@pytest.fixture
def serve(tmp_path):
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page_md("首页", "# 首页\n"),
            "a.md": term_page("脑裂"),
            "b.md": page_md("引用页", "# 引用页\n\n发生脑裂时要靠租约。\n\n" + FILLER + "\n"),
        },
    )
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(project / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=BUILD_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", proc
    finally:
        stop(proc)
        proc.stderr.close()


def stop(proc) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def graph_edges(url: str) -> set[tuple[str, str]]:
    """The knowledge graph's edges (node ids) as the graph page loads them."""
    data = json.loads(fetch(url + "assets/kb-graph.json"))
    ids = [node["id"] for node in data["nodes"]]
    return {(ids[a], ids[b]) for a, b in data["links"]}


def search_texts(url: str, tmp: Path) -> str:
    """All text of the served search index: the manifest and its document shards, read as tests read a site."""
    (tmp / "kb").mkdir(parents=True, exist_ok=True)
    index = fetch(url + "search/search_index.json")
    (tmp / "search_index.json").write_text(index, encoding="utf-8")
    manifest = json.loads(index)["config"]["kb"]
    if "manifest" in manifest:  # the index names the manifest shard
        text = fetch(url + f"search/kb/{manifest['manifest']}.json")
        (tmp / "kb" / f"{manifest['manifest']}.json").write_text(text, encoding="utf-8")
        manifest = json.loads(text)
    for i in range(len(manifest["chunks"])):
        (tmp / "kb" / f"d{i}.json").write_text(fetch(url + f"search/kb/d{i}.json"), encoding="utf-8")
    return " ".join(f"{d['title']} {d['text']}" for d in read_documents(tmp))


def test_serve_rebuild_follows_term_edits(serve, tmp_path):
    project, url, proc = serve
    glossary = wait_for(url + "glossary/", lambda t: "脑裂" in t, proc)
    assert glossary_terms(glossary) == ["脑裂"]
    assert autolinked(fetch(url + "b/")) == ["脑裂"]
    assert 'id="backlinks"' in fetch(url + "a/")
    assert ("b/", "a/#def") in graph_edges(url)  # b/ uses the term a/ defines

    # rename the term: the old one disappears everywhere, the new one is linked
    (project / "docs/a.md").write_text(term_page("租约"), encoding="utf-8")
    glossary = wait_for(url + "glossary/", lambda t: "租约" in t, proc)
    assert glossary_terms(glossary) == ["租约"]
    assert autolinked(wait_for(url + "b/", lambda t: "租约</a>" in t, proc)) == ["租约"]

    # add a second term on another page
    (project / "docs/c.md").write_text(term_page("脑裂").replace("定义页", "第二定义页"), encoding="utf-8")
    glossary = wait_for(url + "glossary/", lambda t: len(glossary_terms(t)) == 2, proc)
    assert glossary_terms(glossary) == ["脑裂", "租约"]
    assert autolinked(wait_for(url + "b/", lambda t: "脑裂</a>" in t, proc)) == ["脑裂", "租约"]

    # remove the reference: backlinks and glossary referrers go away
    (project / "docs/b.md").write_text(page_md("引用页", "# 引用页\n\n没有术语。\n"), encoding="utf-8")
    written = hash_tree(project / "docs")
    wait_for(url + "a/", lambda t: 'id="backlinks"' not in t, proc)
    glossary = wait_for(url + "glossary/", lambda t: "引用：" not in t, proc)
    assert glossary_terms(glossary) == ["脑裂", "租约"]
    # The graph and the search index were rebuilt from the new pages too, not kept from before.
    assert not [edge for edge in graph_edges(url) if "b/" in edge]
    texts = search_texts(url, tmp_path / "served-search").replace("\u200b", "")  # jieba's word breaks
    assert "没有术语" in texts and "发生脑裂时要靠租约" not in texts
    # The rebuilds read docs/ and never write to it: exactly what the test wrote is there.
    assert hash_tree(project / "docs") == written


def test_a_save_is_noticed_by_file_events_and_rebuilds_once(serve):
    project, url, proc = serve
    wait_for(url + "b/", lambda t: "租约" in t, proc)
    (project / "docs/b.md").write_text(page_md("引用页", "# 引用页\n\n保存一次。\n"), encoding="utf-8")
    wait_for(url + "b/", lambda t: "保存一次" in t, proc)
    time.sleep(2.5)  # several of MkDocs' polling rounds: a second rebuild of the same save would start by now
    stop(proc)
    log = proc.stderr.read().decode("utf-8", errors="replace")
    assert log.count("Building documentation") == 2, log  # the first build and the one after the save
    assert "watching for changes with file system events" in log  # hooks/watch.py: not MkDocs' 0.5 s polling
