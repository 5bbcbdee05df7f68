"""One classic script from a folder of small ES modules.

Why: the offline copy is opened from ``file://``, where Chromium refuses module
scripts and workers, yet the front-end code is easier to read and test as small
ES modules (``node --test`` imports them as they are). So each bundle is written
as modules in ``web/<bundle>/`` and shipped as one IIFE.

Only a small, explicit subset of module syntax is accepted, so that the
transformation is a few line rewrites and never a guess:

- ``import { a, b as c } from "./x.js"`` (relative specifiers only, may span lines)
- ``export function f`` / ``export async function f`` / ``export class C``
- ``export const x`` / ``export let x`` (one plain name, no destructuring)
- ``export { a, b as c }``

Anything else that starts a line with ``import`` or ``export`` is a
``BundleError`` naming the file and line. Each module body runs in its own
function scope, dependencies first (a cycle is an error), and hands its exports
to the modules that import them.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

ENTRY = "main.js"

_IMPORT = re.compile(r"^import\s*\{([^}]*)\}\s*from\s*([\"'])([^\"']+)\2\s*;?[ \t]*$", re.M)
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\}\s*;?[ \t]*$", re.M)
_EXPORT_DECL = re.compile(
    r"^export\s+((?:async\s+)?function\s*\*?\s*|class\s+|const\s+|let\s+)([A-Za-z_$][\w$]*)", re.M
)
_STRAY = re.compile(r"^(import|export)\b", re.M)
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


class BundleError(Exception):
    """A module outside the accepted subset, a missing import or a cycle."""


@dataclass(frozen=True)
class Module:
    path: str  # posix path relative to the web root, e.g. "search/score.js"
    body: str  # the source with its import/export syntax removed
    imports: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (resolved path, ((imported, local), ...))
    exports: tuple[tuple[str, str], ...]  # (local, exported)


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _names(spec: str, path: str, source: str, offset: int) -> tuple[tuple[str, str], ...]:
    pairs = []
    for part in spec.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) == 1:
            inner = outer = words[0]
        elif len(words) == 3 and words[1] == "as":
            inner, outer = words[0], words[2]
        else:
            raise BundleError(f"{path}:{_line_of(source, offset)}: cannot read the name list {{{spec.strip()}}}")
        if not (_NAME.match(inner) and _NAME.match(outer)):
            raise BundleError(f"{path}:{_line_of(source, offset)}: not a plain name in {{{spec.strip()}}}")
        pairs.append((inner, outer))
    return tuple(pairs)


def _blank(source: str, start: int, end: int) -> str:
    """Replace source[start:end] by as many newlines, so that line numbers stay true."""
    return source[:start] + "\n" * source.count("\n", start, end) + source[end:]


def parse_module(source: str, path: str) -> Module:
    """Read one module's imports and exports; ``path`` is relative to the web root."""
    imports, exports = [], []
    body = source
    # Removed from the end so that earlier offsets stay valid.
    removals: list[tuple[int, int]] = []
    for match in _IMPORT.finditer(source):
        spec = match.group(3)
        if not spec.startswith(("./", "../")):
            line = _line_of(source, match.start())
            raise BundleError(f"{path}:{line}: only relative imports are bundled, not '{spec}'")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), spec))
        if target.startswith("../"):
            raise BundleError(f"{path}:{_line_of(source, match.start())}: '{spec}' is outside the web folder")
        imports.append((target, _names(match.group(1), path, source, match.start())))
        removals.append((match.start(), match.end()))
    for match in _EXPORT_LIST.finditer(source):
        exports.extend(_names(match.group(1), path, source, match.start()))
        removals.append((match.start(), match.end()))
    for start, end in sorted(removals, reverse=True):
        body = _blank(body, start, end)
    declared = []
    for match in _EXPORT_DECL.finditer(body):
        declared.append((match.start(), match.group(2)))
        exports.append((match.group(2), match.group(2)))
    for start, _name in reversed(declared):
        body = body[:start] + body[start + len("export ") :]
    stray = _STRAY.search(body)
    if stray:
        line = body[stray.start() : body.find("\n", stray.start())].strip()
        raise BundleError(f"{path}:{_line_of(body, stray.start())}: unsupported module syntax: {line}")
    seen: set[str] = set()
    for _local, exported in exports:
        if exported in seen:
            raise BundleError(f"{path}: '{exported}' is exported twice")
        seen.add(exported)
    return Module(path, body, tuple(imports), tuple(exports))


def module_order(entry: str, read) -> list[Module]:
    """Modules reachable from ``entry``, dependencies first; ``read(path)`` returns a module's source."""
    order: list[Module] = []
    done: set[str] = set()
    active: list[str] = []

    def visit(path: str, importer: str | None) -> None:
        if path in done:
            return
        if path in active:
            cycle = " -> ".join([*active[active.index(path) :], path])
            raise BundleError(f"import cycle: {cycle}")
        try:
            source = read(path)
        except OSError:
            where = f"{importer}: " if importer else ""
            raise BundleError(f"{where}cannot read module {path}") from None
        module = parse_module(source, path)
        active.append(path)
        for target, _ in module.imports:
            visit(target, path)
        active.pop()
        done.add(path)
        order.append(module)

    visit(entry, None)
    return order


def _var(index: int) -> str:
    return f"__kb_m{index}"


def link(modules: list[Module], name: str) -> str:
    """The classic script: each module in its own scope, dependencies first."""
    slot = {module.path: index for index, module in enumerate(modules)}
    exported = {module.path: {outer for _inner, outer in module.exports} for module in modules}
    parts = [f"/* {name}: bundled by hooks/bundle.py from web/{name}/ -- edit the modules there */", "(function () {"]
    parts.append('"use strict";')
    for index, module in enumerate(modules):
        head = []
        for target, names in module.imports:
            for imported, local in names:
                if imported not in exported[target]:
                    raise BundleError(f"{module.path}: '{target}' does not export '{imported}'")
                head.append(f"const {local} = {_var(slot[target])}.{imported};")
        table = ", ".join(f"{outer}: {inner}" for inner, outer in module.exports)
        parts.append(f"const {_var(index)} = (function () {{ // {module.path}")
        parts.extend(head)
        parts.append(module.body.rstrip("\n"))
        parts.append(f"return {{ {table} }};")
        parts.append("})();")
    parts.append("})();")
    return "\n".join(parts) + "\n"


def bundle(web_root: Path, name: str) -> str:
    """Bundle ``web_root/name/main.js`` and everything it imports."""

    def read(path: str) -> str:
        return (web_root / path).read_text(encoding="utf-8")

    return link(module_order(f"{name}/{ENTRY}", read), name)


def bundle_names(web_root: Path) -> list[str]:
    """Every folder of ``web_root`` with an entry module, sorted."""
    if not web_root.is_dir():
        return []
    return sorted(p.parent.name for p in web_root.glob(f"*/{ENTRY}"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def version(folder: Path) -> str:
    """A short hash of every module in a bundle's folder (paths and bytes), for cache-busting URLs."""
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*.js")):
        hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:10]
