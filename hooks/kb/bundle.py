"""Bundle: ES modules in web/<bundle>/ -> one classic script (an IIFE), for file:// and workers.

Stand-in until the coordinator's bundler lands on main; same convention (COMMON.md):
only `import { a, b } from "./x.js"`, `export function|const|class`, `export { a, b }`.
Each module becomes a function scope returning its exports, in dependency order.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+)"\s*;?\s*$', re.MULTILINE)
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\}\s*;?\s*$", re.MULTILINE)
_EXPORT_DECL = re.compile(r"^export\s+(async\s+function\*?|function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)",
                          re.MULTILINE)


class BundleError(ValueError):
    """A module outside the allowed import/export subset, or a missing/cyclic import."""


def _names(spec: str) -> list[str]:
    return [n.strip() for n in spec.split(",") if n.strip()]


def bundle(entry: Path) -> str:
    """The classic script for the module `entry` and everything it imports."""
    order: list[Path] = []
    seen: set[Path] = set()
    active: list[Path] = []

    def visit(path: Path) -> None:
        path = path.resolve()
        if path in seen:
            return
        if path in active:
            raise BundleError(f"{path}: import cycle")
        if not path.is_file():
            raise BundleError(f"{path}: imported module not found")
        active.append(path)
        for _, spec in _IMPORT.findall(path.read_text(encoding="utf-8")):
            visit(path.parent / spec)
        active.pop()
        seen.add(path)
        order.append(path)

    visit(entry)
    ids = {path: f"__module{i}" for i, path in enumerate(order)}
    parts = ["(function () {", '"use strict";']
    for path in order:
        source = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|export)\b(?!\s*\{|\s+(async\s+)?function|\s+const|\s+let|\s+class)",
                     _IMPORT.sub("", source), re.MULTILINE):
            raise BundleError(f"{path}: only named imports/exports are allowed")
        exports: list[str] = []

        def imp(m: re.Match) -> str:
            target = ids[(path.parent / m.group(2)).resolve()]
            return f"const {{ {', '.join(_names(m.group(1)))} }} = {target};"

        body = _IMPORT.sub(imp, source)

        def exp_list(m: re.Match) -> str:
            exports.extend(_names(m.group(1)))
            return ""

        body = _EXPORT_LIST.sub(exp_list, body)

        def exp_decl(m: re.Match) -> str:
            exports.append(m.group(2))
            return f"{m.group(1)} {m.group(2)}"

        body = _EXPORT_DECL.sub(exp_decl, body)
        name = path.name
        parts.append(f"/* {name} */\nconst {ids[path]} = (function () {{\n{body}\n"
                     f"return {{ {', '.join(exports)} }};\n}})();")
    parts.append("})();\n")
    return "\n".join(parts)


def version(folder: Path) -> str:
    """A short hash of every module in a bundle's folder, for cache-busting URLs."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.js")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]
