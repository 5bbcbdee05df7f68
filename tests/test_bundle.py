"""The stand-in bundler (hooks/kb/bundle.py): ES modules -> one classic script."""

from __future__ import annotations

import subprocess

import pytest
from kb.bundle import BundleError, bundle, version


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_modules_become_one_script_in_dependency_order(tmp_path):
    write(tmp_path, {
        "main.js": 'import { twice } from "./lib/math.js"\nimport { name } from "./name.js"\n'
                   'globalThis.out = name + twice(21)\n',
        "lib/math.js": "const hidden = 2\nexport function twice(x) { return x * hidden }\n",
        "name.js": 'import { twice } from "./lib/math.js"\nconst hidden = "n"\nexport const name = hidden + twice(0)\n'
                   "export { hidden }\n",
    })
    script = bundle(tmp_path / "main.js")
    assert "import" not in script and "export" not in script
    result = subprocess.run(["node", "-e", script + "\nconsole.log(globalThis.out)"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "n042"  # module scopes kept apart: two `hidden`s


@pytest.mark.parametrize("source", ["export default 1\n", 'import * as m from "./a.js"\n', 'import x from "y"\n'])
def test_other_forms_are_refused(tmp_path, source):
    write(tmp_path, {"main.js": source, "a.js": "export const a = 1\n"})
    with pytest.raises(BundleError):
        bundle(tmp_path / "main.js")


def test_missing_module_is_named(tmp_path):
    write(tmp_path, {"main.js": 'import { a } from "./gone.js"\n'})
    with pytest.raises(BundleError, match="gone.js"):
        bundle(tmp_path / "main.js")


def test_version_follows_the_sources(tmp_path):
    write(tmp_path, {"main.js": "export const a = 1\n"})
    before = version(tmp_path)
    write(tmp_path, {"main.js": "export const a = 2\n"})
    assert version(tmp_path) != before and len(before) == 10
