"""In-memory MkDocs config and page factory for driving the knowledge-graph hooks directly.

``make_config(tmp_path)`` is a validated ``MkDocsConfig`` with the project's
Markdown extensions; ``add_page(config, files, src_uri, html, ...)`` creates a
File + Page already "rendered" (content, meta with ``_terms``, toc, anchor
ids), as MkDocs leaves it before ``on_env``.
"""

from __future__ import annotations

from pathlib import Path

from kb.frontmatter import collect_ids, parse_terms
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "toc", "admonition", "pymdownx.details"]


def make_config(root: Path, categories=("docker", "kubernetes")) -> MkDocsConfig:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "测试",
            "docs_dir": str(docs),
            "site_dir": str(root / "site"),
            "markdown_extensions": EXTENSIONS,
            "extra": {"categories": list(categories)},
        }
    )
    errors, _ = config.validate()
    assert not errors, errors
    config.plugins._current_plugin = None  # set by MkDocs while it runs an event; File.generated reads it
    return config


def add_page(
    config, files: Files, src_uri: str, html: str, title: str = "", terms: dict | None = None
) -> Page:
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    files.append(file)
    page = Page(title or src_uri, file, config)
    page.markdown = ""
    page.content = f'<h1 id="top">{title or src_uri}</h1>\n{html}'
    page.meta = {"title": title or src_uri, "_terms": parse_terms(terms)}
    page.toc = TableOfContents([AnchorLink(title or src_uri, "top", 1)])
    page.present_anchor_ids = collect_ids(page.content)
    return page
