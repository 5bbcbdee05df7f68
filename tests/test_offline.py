"""`make offline`: a copy usable from file://, search included (Material's offline plugin)."""

from __future__ import annotations

import pytest
from conftest import page_md, run_build


@pytest.mark.browser
def test_offline_build_opens_from_file_url_and_searches(make_project, page):
    project = make_project(
        {
            "index.md": page_md("首页", "# 首页\n\n离线阅读的首页。\n"),
            "docker/index.md": page_md("容器", "# 容器\n\n[镜像](images.md)\n"),
            "docker/images.md": page_md("镜像", "# 镜像\n\n## 镜像拉取策略\n\nimagePullPolicy 决定是否拉取镜像。\n"),
        }
    )
    result = run_build(project, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "search" / "search_index.js").is_file()  # the index ships as a script for file://

    page.goto((site / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("imagePullPolicy", delay=30)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    assert "镜像" in first.inner_text()
    # Links between pages point at index.html files so they work without a server.
    page.locator("a[href$='docker/index.html']").first.wait_for(state="attached")
