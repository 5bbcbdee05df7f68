"""Hook: `mkdocs serve` rebuilds reuse what did not change (issue 16; kb/rebuild.py says how).

Only under `mkdocs serve` (on_startup); `mkdocs build` is untouched.

on_startup     note the command
on_files       the site-wide inputs of Markdown conversion (files, Markdown settings)
on_nav         (last) keep the navigation
on_pre_page    route the page's Markdown conversion through kb.rebuild.MarkdownMemo
on_env         (last) Jinja's compiled templates kept from the last build; the site-wide
               inputs of the templates (navigation, configuration, template
               files); every page renders through overrides/kb-rebuild.html, which reuses the
               page's last output when nothing it shows changed and else renders its template
on_page_context  tell kb-rebuild.html which template the page really uses
on_post_build  forget what no page used
"""

from __future__ import annotations

from kb.rebuild import CompiledTemplates, MarkdownMemo, OutputMemo, digest, nav_signature, template_files_signature
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

WRAPPER = "kb-rebuild.html"
_serving: list[bool] = []
_markdown = MarkdownMemo()
_outputs = OutputMemo()
_compiled = CompiledTemplates()
_templates: dict[str, str] = {}  # page URL -> the template it uses (this build)
_nav: list = []  # this build's navigation


def on_startup(command, dirty):
    _serving[:] = [command == "serve"]


def _active() -> bool:
    return bool(_serving and _serving[0])


def on_files(files, config):
    if _active():
        site = [[f.src_uri, f.dest_uri, f.url] for f in files]
        _markdown.start(digest(site, config["markdown_extensions"], config["mdx_configs"],
                               config["validation"], config["use_directory_urls"], str(config["docs_dir"])))
    return files


def on_pre_page(page, config, files):
    if _active():
        original = page.render
        page.render = lambda config, files: _markdown.render(page, original, config, files)
    return page


# Last (-100): every other hook's on_env has changed what pages show; the wrapper template
# must be chosen now, because MkDocs picks each page's template before on_page_context.
@event_priority(-100)
def on_env(env, config, files):
    _templates.clear()
    if not _active():
        return env
    theme_dirs = list(config.theme.dirs)
    site = digest(
        nav_signature(_nav[0].items if _nav else ()),
        template_files_signature(theme_dirs),
        {key: config[key] for key in ("site_name", "site_url", "repo_url", "repo_name", "edit_uri", "copyright",
                                      "extra", "extra_css", "extra_javascript", "use_directory_urls")},
        dict(config.theme.items()),
    )
    _outputs.start(site)
    env.bytecode_cache = _compiled
    for file in files.documentation_pages():
        page = file.page
        if page is not None:
            _templates[page.url] = page.meta.get("template", "main.html")
            page.meta["template"] = WRAPPER
    env.globals["kb_rebuild"] = _outputs
    return env


# Last: after hooks/categories.py reordered the navigation. Titles are read in on_env, once
# every page is rendered (a page's title can come from its first heading).
@event_priority(-100)
def on_nav(nav, config, files):
    _nav[:] = [nav]
    return nav


# Last: the context is complete; the template reads only this name from us.
@event_priority(-100)
def on_page_context(context, page, config, nav):
    if _active():
        context["kb_template"] = _templates.get(page.url, "main.html")
    return context


def on_post_build(config):
    if _active():
        _markdown.forget_unused()
        _outputs.forget_unused()
        log.debug(f"rebuild: {_markdown.hits} Markdown conversions and {_outputs.hits} pages reused")
