"""The authoring contract: what a page's front matter may contain.

Flow: the hook reads each page's source itself (``decode_source``) so that an
encoding error or malformed YAML becomes one clear message instead of a
traceback or a silently empty ``page.meta``; after MkDocs has parsed the meta,
``check_meta`` validates it against the contract; after rendering,
``missing_anchors`` checks that every declared term points at an id that exists
in the page's HTML.

Everything here is pure: functions take values and return values or raise
``ContractError``; the hook turns that into a ``PluginError`` naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import yaml

# Keys of the contract, and the page keys Material (and MkDocs) understand.
CONTRACT_KEYS = frozenset({"title", "description", "tags", "terms", "sources"})
THEME_KEYS = frozenset(
    {"hide", "icon", "status", "search", "template", "subtitle", "comments", "social", "render_macros"}
)
ALLOWED_KEYS = CONTRACT_KEYS | THEME_KEYS
TERM_KEYS = frozenset({"summary", "aliases", "anchor", "case_sensitive", "autolink"})

# MkDocs' own rule for where front matter is: a `---` line at the very start,
# closed by `---` or `...`.
_FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_URL_RE = re.compile(r"^https?://[^\s]+$")


class ContractError(ValueError):
    """A page breaks the authoring contract; the message names the field and, where known, the line."""


@dataclass(frozen=True)
class Term:
    """One glossary term as declared in a page's front matter."""

    name: str
    summary: str
    aliases: tuple[str, ...]
    anchor: str
    case_sensitive: bool = False
    autolink: bool = True  # false: too general to link automatically (still in the glossary)


def decode_source(raw: bytes) -> str:
    """Decode a page as UTF-8 (a BOM is allowed) with LF line endings, or raise ContractError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContractError(
            f"line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_front_matter_syntax(source: str) -> None:
    """Raise ContractError when the page opens a front-matter block that is not a valid YAML mapping.

    MkDocs silently treats broken front matter as page text, which would publish
    the YAML as prose and drop the title: we refuse instead.
    """
    if not source.startswith("---"):
        return
    match = _FRONT_MATTER_RE.match(source)
    if match is None:
        first_line = source.split("\n", 1)[0]
        if first_line.strip() == "---":
            raise ContractError("line 1: front matter opened with '---' is never closed by '---'")
        return
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct opened (an unclosed `[`), which is
        # where the author has to look; the problem mark may be the end of the block.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContractError(f"{where}malformed YAML front matter: {problem}") from None
    if data is not None and not isinstance(data, dict):
        raise ContractError(f"front matter must be a mapping of keys, not a {type(data).__name__}")


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_str_list(field: str, value: Any) -> None:
    if not isinstance(value, list) or not all(_nonempty_str(v) for v in value):
        raise ContractError(f"'{field}' must be a list of non-empty strings")


def parse_vocabulary(raw: Any) -> dict[str, str] | None:
    """The tag vocabulary (``extra.tags_vocabulary``: tag -> what it covers), or None when not configured."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        raise ContractError("'extra.tags_vocabulary' must be a mapping of tag -> one-line description")
    for tag, covers in raw.items():
        if not _nonempty_str(tag) or tag != tag.strip():
            raise ContractError(f"'extra.tags_vocabulary' has a key that is not a trimmed non-empty string: {tag!r}")
        if not _nonempty_str(covers):
            raise ContractError(f"'extra.tags_vocabulary.{tag}' must say what the tag covers")
    return {str(tag): str(covers) for tag, covers in raw.items()}


def check_tags(tags: list[str], vocabulary: Mapping[str, str] | None) -> None:
    """Raise ContractError for the first tag outside the vocabulary (no vocabulary: any tag)."""
    if vocabulary is None:
        return
    for tag in tags:
        if tag not in vocabulary:
            raise ContractError(
                f"tag '{tag}' is not in the tag vocabulary; use one of the tags listed in "
                "docs/about/authoring.md#tags (mkdocs.yml extra.tags_vocabulary) or add it there"
            )
    if len(set(tags)) != len(tags):
        twice = next(t for t in tags if tags.count(t) > 1)
        raise ContractError(f"tag '{twice}' is listed twice")


def check_meta(meta: Mapping[str, Any], vocabulary: Mapping[str, str] | None = None) -> tuple[Term, ...]:
    """Validate a page's parsed front matter; return its declared terms in declaration order.

    ``vocabulary``: the allowed tags (``parse_vocabulary``); None allows any tag.
    """
    unknown = sorted(str(k) for k in meta if k not in ALLOWED_KEYS)
    if unknown:
        allowed = ", ".join(sorted(ALLOWED_KEYS))
        raise ContractError(f"unknown front-matter key '{unknown[0]}' (allowed: {allowed})")
    if "title" not in meta:
        raise ContractError("'title' is required")
    if not _nonempty_str(meta["title"]):
        raise ContractError("'title' must be a non-empty string")
    if "description" not in meta:
        raise ContractError("'description' is required (one sentence)")
    if not _nonempty_str(meta["description"]):
        raise ContractError("'description' must be a non-empty string")
    if '"' in meta["description"]:
        # The theme writes it unescaped into <meta name="description" content="...">: a quote ends the attribute.
        raise ContractError("'description' must not contain '\"' (the page's <meta> tag would break): quote with 「」")
    if "tags" in meta:
        _check_str_list("tags", meta["tags"])
        check_tags(meta["tags"], vocabulary)
    if "sources" in meta:
        _check_str_list("sources", meta["sources"])
        for url in meta["sources"]:
            if not _URL_RE.match(url):
                raise ContractError(f"'sources' entry '{url}' is not an http(s) URL")
    return parse_terms(meta.get("terms"))


def parse_terms(raw: Any) -> tuple[Term, ...]:
    """Turn the ``terms`` mapping into Term records, or raise ContractError naming the term."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise ContractError("'terms' must be a mapping of term -> {summary, aliases, anchor}")
    terms = []
    for name, spec in raw.items():
        if not _nonempty_str(name):
            raise ContractError(f"'terms' has a key that is not a non-empty string: {name!r}")
        field = f"terms.{name}"
        if not isinstance(spec, dict):
            raise ContractError(f"'{field}' must be a mapping with summary, aliases and anchor")
        unknown = sorted(str(k) for k in spec if k not in TERM_KEYS)
        if unknown:
            raise ContractError(f"'{field}' has unknown key '{unknown[0]}' (allowed: {', '.join(sorted(TERM_KEYS))})")
        if not _nonempty_str(spec.get("summary")):
            raise ContractError(f"'{field}.summary' is required: one sentence")
        if not _nonempty_str(spec.get("anchor")):
            raise ContractError(f"'{field}.anchor' is required: the id of the section that defines it")
        aliases = spec.get("aliases", [])
        if aliases is None:
            aliases = []
        _check_str_list(f"{field}.aliases", aliases)
        case_sensitive = spec.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            raise ContractError(f"'{field}.case_sensitive' must be true or false")
        autolink = spec.get("autolink", True)
        if not isinstance(autolink, bool):
            raise ContractError(
                f"'{field}.autolink' must be true or false (false: a word too general to link on every page), "
                f"not {autolink!r}"
            )
        terms.append(
            Term(
                name=name.strip(),
                summary=spec["summary"].strip(),
                aliases=tuple(a.strip() for a in aliases),
                anchor=spec["anchor"].strip().lstrip("#"),
                case_sensitive=case_sensitive,
                autolink=autolink,
            )
        )
    return tuple(terms)


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def collect_ids(html: str) -> set[str]:
    """Every element id in an HTML fragment."""
    parser = _IdCollector()
    parser.feed(html)
    parser.close()
    return parser.ids


def toc_ids(toc: Iterable[Any]) -> set[str]:
    """Every anchor in a MkDocs table of contents (items with .id and .children)."""
    ids: set[str] = set()
    stack = list(toc)
    while stack:
        item = stack.pop()
        ids.add(item.id)
        stack.extend(item.children)
    return ids


def missing_anchors(terms: Iterable[Term], ids: set[str]) -> list[Term]:
    """The terms whose anchor is not an id on the page."""
    return [t for t in terms if t.anchor not in ids]
