"""`mkdocs serve` rebuilds reuse unchanged work (hooks/rebuild.py) and write exactly a clean build's site."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import BUILD_ENV, ROOT, copy_docs, hash_tree, run_build

sys.path.insert(0, str(ROOT / "hooks"))

from kb.rebuild import OutputMemo, nav_signature, template_files_signature  # noqa: E402

# Builds twice in one process, as `mkdocs serve` does (hook modules kept, config reloaded),
# running the edit script between the two; prints how many conversions and pages were reused.
SERVE_LIKE = textwrap.dedent(
    """
    import os, runpy, sys
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config_file, site, *edits = sys.argv[1:]
    def one():
        config = load_config(config_file, site_dir=site)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
    one()
    memo = next(m for m in list(sys.modules.values()) if hasattr(m, "_markdown") and hasattr(m, "_outputs"))
    for edit in edits:
        runpy.run_path(edit)
        one()
        print("reused", memo._markdown.hits, memo._outputs.hits)
    """
)

# A save that changes one page's text (and so its backlinks' pages), then one that renames a page,
# which changes every page's navigation.
EDIT_TEXT = textwrap.dedent(
    """
    from pathlib import Path
    page = Path("docs/kubernetes/pod.md")
    text = "\\n\\n编辑后新加的一段，提到 [Service](service-and-ingress.md)。\\n"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    """
)
EDIT_TITLE = textwrap.dedent(
    """
    from pathlib import Path
    page = Path("docs/kubernetes/cni-and-calico.md")
    page.write_text(page.read_text(encoding="utf-8").replace("title: CNI 与 Calico", "title: CNI 插件与 Calico", 1),
                    encoding="utf-8")
    """
)


def test_outputs_last_one_site_signature_and_one_build():
    memo = OutputMemo()
    memo.start("site-1")
    memo.store("a", "<html>a</html>")
    memo.store("b", "<html>b</html>")
    memo.forget_unused()
    memo.start("site-1")
    assert memo.lookup("a") == "<html>a</html>"
    assert memo.hits == 1
    memo.forget_unused()  # b was not asked for in this build
    memo.start("site-1")
    assert memo.lookup("b") is None
    memo.start("site-2")  # navigation, configuration or a template changed: nothing holds
    assert memo.lookup("a") is None


def test_signatures_see_navigation_and_template_changes(tmp_path):
    class Item:
        def __init__(self, title, url, children=()):
            self.title, self.url, self.children = title, url, list(children)

    nav = [Item("分类", None, [Item("甲", "a/"), Item("乙", "b/")])]
    renamed = [Item("分类", None, [Item("甲", "a/"), Item("丙", "b/")])]
    assert nav_signature(nav) != nav_signature(renamed)
    (tmp_path / "main.html").write_text("{{ page.content }}", encoding="utf-8")
    before = template_files_signature([tmp_path])
    (tmp_path / "main.html").write_text("<main>{{ page.content }}</main>", encoding="utf-8")
    assert template_files_signature([tmp_path]) != before


@pytest.mark.slow
def test_rebuild_after_an_edit_is_byte_identical_to_a_clean_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_docs(project / "docs")
    for name in ("hooks", "overrides"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    (project / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "serve_like.py").write_text(SERVE_LIKE, encoding="utf-8")
    (tmp_path / "edit_text.py").write_text(EDIT_TEXT, encoding="utf-8")
    (tmp_path / "edit_title.py").write_text(EDIT_TITLE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "serve_like.py"), "mkdocs.yml", str(tmp_path / "rebuilt"),
         str(tmp_path / "edit_text.py"), str(tmp_path / "edit_title.py")],
        cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (after_text, after_title) = [tuple(map(int, line.split()[1:])) for line in done.stdout.splitlines()
                                 if line.startswith("reused")]
    # After the text edit most Markdown and most pages come from the first build; after the rename
    # the Markdown still does, but no page (the navigation of every page changed).
    assert after_text[0] >= 100 and after_text[1] >= 80, done.stdout
    assert after_title[0] >= 100 and after_title[1] == 0, done.stdout
    # The result is what a clean build of the edited pages writes, file for file.
    clean = run_build(project, site_dir=tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr[-3000:]
    rebuilt, fresh = hash_tree(tmp_path / "rebuilt"), hash_tree(tmp_path / "clean")
    assert sorted(rebuilt) == sorted(fresh)
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []
    pod = (tmp_path / "rebuilt" / "kubernetes" / "pod" / "index.html").read_text(encoding="utf-8")
    assert "编辑后新加的一段" in pod and "CNI 插件与 Calico" in pod  # its edit; the renamed page in its nav
