"""House style: Python passes ruff; Chinese prose passes autocorrect (CJK/Latin spacing, punctuation)."""

from __future__ import annotations

import re
import subprocess
import sys

import autocorrect_py
import pytest
import yaml
from conftest import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def test_python_passes_ruff():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "hooks", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_page_prose_follows_chinese_conventions(path):
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    # Lint the body with its real line numbers; the front matter is YAML, checked field by field below.
    body = "\n" * text[: match.end()].count("\n") + text[match.end() :] if match else text
    result = autocorrect_py.lint_for(body, str(path))
    problems = [f"line {r.line}: {r.old.strip()!r} -> {r.new.strip()!r}" for r in result.lines]
    meta = yaml.safe_load(match.group(1)) if match else {}
    prose = [meta.get("title", ""), meta.get("description", "")]
    prose += [spec.get("summary", "") for spec in (meta.get("terms") or {}).values()]
    problems += [f"front matter: {p!r} -> {autocorrect_py.format(p)!r}" for p in prose if autocorrect_py.format(p) != p]
    assert problems == []


def test_style_check_catches_a_violation():
    assert autocorrect_py.lint_for("使用Docker部署,很好\n", "x.md").lines
