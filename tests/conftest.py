"""Shared fixtures: throwaway MkDocs projects, the real site built once, an HTTP server, Chromium.

- ``make_project(files, config=...)`` writes a small project in tmp_path that inherits the
  real mkdocs.yml (same theme, extensions and hooks) with its own docs; ``run_build`` builds
  it in a subprocess, exactly as a user would, and returns the completed process.
- ``site_dir`` is the real site built once per session with ``--strict``; ``site_url`` serves
  it over HTTP on 127.0.0.1; ``browser``/``page`` drive Debian's Chromium through Playwright.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def run_build(project: Path, *args: str, strict: bool = True, site_dir: Path | None = None, env=None):
    """Run `mkdocs build` on a project directory; return the CompletedProcess (text output)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    cmd += ["-d", str(site_dir or project / "site"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env={**BUILD_ENV, **(env or {})}, cwd=project, timeout=600)


def write_project(root: Path, files: dict[str, str | bytes], config: str = "") -> Path:
    """A project in `root` inheriting the real mkdocs.yml, with `files` under docs/."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("hooks", "overrides"):
        link = root / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    base = textwrap.dedent(
        f"""\
        INHERIT: {ROOT / 'mkdocs.yml'}
        site_url: http://127.0.0.1/
        extra:
          categories: []
        """
    )
    (root / "mkdocs.yml").write_text(base + textwrap.dedent(config), encoding="utf-8")
    docs = root / "docs"
    for rel, content in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path):
    return functools.partial(write_project, tmp_path / "project")


def page_md(title: str, body: str = "正文。", **extra: str) -> str:
    """A minimal valid page: front matter with title and description, then body."""
    lines = ["---", f"title: {title}", f"description: {title}的说明。"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n---\n\n" + textwrap.dedent(body)


def hash_tree(root: Path) -> dict[str, str]:
    """SHA-256 of every file below root, by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


DOCS_BEFORE_BUILD: dict[str, str] = {}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once with --strict (docs/ hashed just before, see test_integrity)."""
    out = tmp_path_factory.mktemp("site")
    DOCS_BEFORE_BUILD.update(hash_tree(ROOT / "docs"))
    result = run_build(ROOT, site_dir=out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def offline_site_dir(tmp_path_factory) -> Path:
    """The real site's offline build (OFFLINE=true: opened from file://), built once per session."""
    out = tmp_path_factory.mktemp("offline-site")
    result = run_build(ROOT, site_dir=out, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def serve_directory(directory: Path):
    """Start a threaded HTTP server on 127.0.0.1 (free port) for `directory`; return (server, url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve_directory(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


def copy_docs(dest: Path) -> Path:
    """A copy of the real docs/ for tests that must not touch the working tree."""
    shutil.copytree(ROOT / "docs", dest)
    return dest
