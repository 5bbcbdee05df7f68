"""Shared checks for the content tests: pages per category, front matter, junk strings, links.

Each content scope has its own tests/test_content_<scope>.py that calls these
with its categories and its list of removed junk/typo strings.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)")


def pages(category: str) -> list[Path]:
    """Markdown pages of one category folder, sorted."""
    return sorted((DOCS / category).rglob("*.md"))


def topic_pages(category: str) -> list[Path]:
    """Pages of a category other than its index.md."""
    return [p for p in pages(category) if p.name != "index.md"]


def front_matter(path: Path) -> dict:
    match = _FRONT.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.relative_to(ROOT)}: no YAML front matter"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict), f"{path.relative_to(ROOT)}: front matter is not a mapping"
    return data


def body(path: Path) -> str:
    """Page text after the front matter."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    return text[match.end():] if match else text


def prose(path: Path) -> str:
    """Body without fenced code blocks and inline code."""
    return _INLINE_CODE.sub("", _FENCE.sub("", body(path)))


def junk_hits(paths: list[Path], strings: list[str]) -> list[str]:
    """'file: string' for every junk/typo string still present in a page."""
    hits = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        hits += [f"{path.relative_to(ROOT)}: {s!r}" for s in strings if s in text]
    return hits


def dangling_targets(path: Path) -> list[str]:
    """Relative image and page links in a page whose target file does not exist."""
    text = prose(path)
    bad = []
    for target in _IMAGE.findall(text) + _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        file_part = target.split("#", 1)[0]
        if not file_part:
            continue
        if not (path.parent / file_part).resolve().exists():
            bad.append(f"{path.relative_to(ROOT)}: {target}")
    return bad


def images(path: Path) -> list[str]:
    return _IMAGE.findall(prose(path))


def declared_terms() -> dict[str, list[str]]:
    """Term name -> the pages (relative to docs/) that declare it, over the whole site."""
    seen: dict[str, list[str]] = {}
    for path in sorted(DOCS.rglob("*.md")):
        for name in front_matter(path).get("terms") or {}:
            seen.setdefault(name, []).append(path.relative_to(DOCS).as_posix())
    return seen


def rel(path: Path) -> str:
    """A page's path relative to docs/, as test ids and messages show it."""
    return path.relative_to(DOCS).as_posix()


_CORRECTION_HEAD = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\w+[ \t]+"勘误[^"]*"[ \t]*$')
_ADMONITION_HEAD = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?P<title>[ \t]+"[^"]*")?[ \t]*$')


def _split_corrections(text: str) -> tuple[list[str], list[list[str]]]:
    """(lines outside correction blocks, each correction block's lines with its header first).

    A correction block is an admonition whose title starts with 「勘误」 — the collapsed
    `??? note "勘误：…"` the site uses, or the older `!!! warning "勘误"` — with its indented body.
    """
    kept: list[str] = []
    blocks: list[list[str]] = []
    depth = None
    for line in text.splitlines():
        if depth is not None:
            indent = len(line) - len(line.lstrip())
            if not line.strip() or indent > depth:
                blocks[-1].append(line)
                continue
            depth = None
        match = _CORRECTION_HEAD.match(line)
        if match:
            depth = len(match["indent"])
            blocks.append([line])
            continue
        kept.append(line)
    return kept, blocks


def without_corrections(text: str) -> str:
    """A page body without its correction blocks (header and indented body), which may quote wrong claims."""
    return "\n".join(_split_corrections(text)[0])


def correction_blocks(text: str) -> list[str]:
    """The indented bodies of a page's correction blocks, one string per block."""
    return ["".join(line + "\n" for line in block[1:]) for block in _split_corrections(text)[1]]


def corrections_text(text: str) -> str:
    """The text of a page's correction blocks only, headers included."""
    return "\n".join(line for block in _split_corrections(text)[1] for line in block)


def admonition_heads(text: str) -> list[tuple[str, str | None]]:
    """(kind, title or None) of every admonition/details opener outside fenced code."""
    heads = []
    for line in _FENCE.sub("", text).splitlines():
        match = _ADMONITION_HEAD.match(line)
        if match:
            title = match["title"]
            heads.append((match["kind"], title.strip()[1:-1] if title else None))
    return heads
