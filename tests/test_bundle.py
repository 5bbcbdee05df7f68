"""Front-end bundles: ES modules in web/ become one classic script (hooks/kb/bundle.py, hooks/bundle.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, page_md, run_build
from hypothesis import given
from hypothesis import strategies as st
from kb.bundle import BundleError, bundle, bundle_names, module_order, parse_module, version

NODE = shutil.which("node")


def write_web(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run_node(script: str) -> str:
    assert NODE, "node is needed for the front-end tests (make test installs it)"
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("source", "imports", "exports"),
    [
        ('import { a } from "./x.js"\n', (("app/x.js", (("a", "a"),)),), ()),
        ("import { a as b, c } from './sub/y.js';\n", (("app/sub/y.js", (("a", "b"), ("c", "c"))),), ()),
        ('import {\n  a,\n  b,\n} from "../shared/z.js"\n', (("shared/z.js", (("a", "a"), ("b", "b"))),), ()),
        ("export function f() {}\n", (), (("f", "f"),)),
        ("export async function g() {}\n", (), (("g", "g"),)),
        ("export const K = 1\nexport let n = 2\nexport class C {}\n", (), (("K", "K"), ("n", "n"), ("C", "C"))),
        ("const a = 1, b = 2\nexport { a, b as bee }\n", (), (("a", "a"), ("b", "bee"))),
    ],
)
def test_parse_module_reads_the_accepted_subset(source, imports, exports):
    module = parse_module(source, "app/main.js")
    assert module.imports == imports
    assert module.exports == exports
    assert "import " not in module.body and "export " not in module.body
    assert module.body.count("\n") == source.count("\n")  # line numbers stay true


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("export default function () {}\n", "app/main.js:1: unsupported module syntax: export default"),
        ('import x from "./x.js"\n', "app/main.js:1: unsupported module syntax"),
        ('import * as x from "./x.js"\n', "app/main.js:1: unsupported module syntax"),
        ('\nimport { a } from "lodash"\n', "app/main.js:2: only relative imports are bundled, not 'lodash'"),
        ('import { a } from "../../x.js"\n', "outside the web folder"),
        ('export { a } from "./x.js"\n', "unsupported module syntax"),
        ("export const { a, b } = o\n", "unsupported module syntax"),
        ("const f = 1\nexport { f, f }\n", "'f' is exported twice"),
    ],
)
def test_parse_module_names_the_file_and_line_of_anything_else(source, message):
    with pytest.raises(BundleError, match=message.replace("(", r"\(").replace("{", r"\{")):
        parse_module(source, "app/main.js")


def test_dependencies_come_first_and_once():
    sources = {
        "b/main.js": 'import { x } from "./x.js"\nimport { y } from "./y.js"\n',
        "b/x.js": 'import { y } from "./y.js"\nexport const x = y + 1\n',
        "b/y.js": "export const y = 1\n",
    }
    order = [m.path for m in module_order("b/main.js", sources.__getitem__)]
    assert order == ["b/y.js", "b/x.js", "b/main.js"]


def test_a_cycle_and_a_missing_module_are_errors():
    cyclic = {"c/main.js": 'import { a } from "./a.js"\n', "c/a.js": 'import { m } from "./main.js"\nexport const a = 1\n'}
    with pytest.raises(BundleError, match=r"import cycle: c/main.js -> c/a.js -> c/main.js"):
        module_order("c/main.js", cyclic.__getitem__)

    def read(path):
        if path == "c/main.js":
            return 'import { a } from "./gone.js"\n'
        raise FileNotFoundError(path)

    with pytest.raises(BundleError, match=r"c/main.js: cannot read module c/gone.js"):
        module_order("c/main.js", read)


def test_importing_a_name_that_is_not_exported_is_an_error(tmp_path):
    web = write_web(tmp_path, {"d/main.js": 'import { nope } from "./a.js"\n', "d/a.js": "export const a = 1\n"})
    with pytest.raises(BundleError, match="'d/a.js' does not export 'nope'"):
        bundle(web, "d")


def test_the_bundle_runs_as_a_classic_script_with_scopes_kept_apart(tmp_path):
    web = write_web(
        tmp_path,
        {
            "app/main.js": """\
                import { double, secret as shared } from "./math.js"
                import { greet } from "../shared/greet.js"
                const secret = "main's own"
                globalThis.result = { four: double(2), hello: greet("kb"), shared, secret }
            """,
            "app/math.js": """\
                const secret = 42
                export function double(n) { return n * 2 }
                export { secret }
            """,
            "shared/greet.js": 'export const greet = (name) => "hello " + name\n',
        },
    )
    script = bundle(web, "app")
    out = run_node(script + "\nprocess.stdout.write(JSON.stringify(globalThis.result))")
    assert json.loads(out) == {"four": 4, "hello": "hello kb", "shared": 42, "secret": "main's own"}
    assert "secret" not in run_node(script + "\nprocess.stdout.write(typeof secret)").replace("undefined", "")


@given(st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True), min_size=1, max_size=8, unique=True))
def test_every_exported_name_reaches_the_importer(names):
    source = "".join(f"export const {n} = {i}\n" for i, n in enumerate(names))
    module = parse_module(source, "p/x.js")
    assert [outer for _inner, outer in module.exports] == names
    assert module.body.count("export") == 0


def test_bundle_names_are_folders_with_an_entry(tmp_path):
    write_web(tmp_path, {"b/main.js": "", "a/main.js": "", "lib/util.js": ""})
    assert bundle_names(tmp_path) == ["a", "b"]
    assert bundle_names(tmp_path / "missing") == []


@pytest.mark.slow
def test_the_real_bundles_are_in_the_built_site(make_project, tmp_path):
    project = make_project({"index.md": page_md("首页")})
    result = run_build(project, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert {"search", "popover", "diagrams"} <= set(bundle_names(ROOT / "web"))
    for name in bundle_names(ROOT / "web"):
        built = (tmp_path / "site" / "assets" / "javascripts" / f"{name}.js").read_text(encoding="utf-8")
        assert built == bundle(ROOT / "web", name)
        run_node(f"globalThis.window = globalThis.self = globalThis; try {{ new Function({json.dumps(built)}) }} catch (e) {{ console.error(e); process.exit(1) }}")


def test_version_follows_every_module_of_a_folder(tmp_path):
    web = write_web(tmp_path, {"s/main.js": 'import { a } from "./a.js"\n', "s/a.js": "export const a = 1\n"})
    before = version(web / "s")
    (web / "s" / "a.js").write_text("export const a = 2\n", encoding="utf-8")
    assert version(web / "s") != before
    (web / "s" / "a.js").write_text("export const a = 1\n", encoding="utf-8")
    assert version(web / "s") == before
