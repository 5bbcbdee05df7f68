"""The practice page as a reader uses it (issue 14): keyboard, taps at 390 px, reload, export/import, file://.

The real site is served over HTTP on 127.0.0.1 (session fixtures); the offline copy is a
small project built with OFFLINE=true and opened from file://. Every request is recorded:
anything on another host fails, except the requests Material itself makes on every page of
this site today (Google Fonts, the repository facts from api.github.com, the offline plugin's
iframe-worker shim), which are not the practice page's and are listed here one by one.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import page_md, run_build

pytestmark = pytest.mark.browser

THEME_HOSTS = {"fonts.googleapis.com", "fonts.gstatic.com", "api.github.com"}
THEME_URLS = {"https://unpkg.com/iframe-worker/shim"}  # Material's offline plugin
SHOTS = os.environ.get("PRACTICE_SHOTS")  # a folder to keep screenshots in, for looking at them


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


class Requests:
    def __init__(self, context):
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self):
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("file", "data", "blob")
            and urlsplit(url).hostname != "127.0.0.1"
            and urlsplit(url).hostname not in THEME_HOSTS
            and url not in THEME_URLS
        ]


def open_practice(page, url):
    page.goto(url)
    page.locator("#kb-practice[data-kb-ready]").wait_for(timeout=15_000)


def progress_row(page, title):
    """(新题, 学习中, 已掌握) of a category row in the first progress table."""
    row = page.locator(".kb-practice-progress tr", has=page.locator(f"td:text-is('{title}')")).first
    return tuple(int(row.locator(f"[data-kb-state='{s}']").inner_text()) for s in ("new", "learning", "mastered"))


def card_question(page):
    return page.locator(".kb-card__question").inner_text().strip()


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_keyboard_session_progress_survives_reload_and_shows_elsewhere(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    requests = Requests(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # From the question index, follow its link (Material's instant navigation loads the page).
    page.goto(site_url + "interview/")
    assert progress_row(page, "Docker 与容器")[1:] == (0, 0)
    page.locator(".kb-practice-progress a", has_text="开始刷题").click()
    page.locator("#kb-practice[data-kb-ready]").wait_for(timeout=15_000)
    before = progress_row(page, "Docker 与容器")
    page.locator(".kb-chip", has_text="Docker 与容器").first.click()
    assert "Docker 与容器" in page.locator("[aria-label='分类'] .kb-chip--on").inner_text()
    page.locator(".kb-practice__start").click()
    first = card_question(page)
    assert page.locator(".kb-card__answer").count() == 0
    shot(page, "desktop-front")
    page.keyboard.press(" ")
    page.locator(".kb-card__answer").wait_for()
    assert page.locator(".kb-card__grade").count() == 3
    shot(page, "desktop-back")
    page.keyboard.press("3")
    second = card_question(page)
    assert second != first and page.locator(".kb-card__answer").count() == 0
    page.keyboard.press(" ")
    page.keyboard.press("1")
    page.keyboard.press("k")  # back to the card just graded: answer shown, grade marked
    assert card_question(page) == second
    assert page.locator(".kb-card__grade--chosen").inner_text().startswith("不会")
    page.keyboard.press("j")
    third = card_question(page)
    # Keys typed into the search box are not shortcuts.
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.getElementById('__search').checked")  # Material opened search
    page.keyboard.type("jk1")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")  # and closed it again
    page.locator(".kb-card").click(position={"x": 5, "y": 5})
    assert card_question(page) == third
    page.keyboard.press(" ")
    page.keyboard.press("2")
    assert page.locator(".kb-card__meta").inner_text().startswith("第 4 /")
    after = progress_row(page, "Docker 与容器")
    assert after == (before[0] - 3, before[1] + 3, 0)

    page.reload()
    page.locator("#kb-practice[data-kb-ready]").wait_for()
    assert progress_row(page, "Docker 与容器") == after
    page.locator(".kb-chip", has_text="只练错题").first.click()
    page.locator(".kb-practice__start").click()
    assert card_question(page) == second  # the one graded 不会
    page.locator(".kb-card__end").click()
    assert "本轮小结" in page.locator(".kb-practice__summary").inner_text()

    # The question index and the topic page show the same progress.
    page.goto(site_url + "interview/")
    assert progress_row(page, "Docker 与容器") == after
    stored = json.loads(page.evaluate("localStorage.getItem('kb.practice.v1')"))
    assert len(stored["cards"]) == 3
    link = page.locator("article li a", has_text=second).first
    link.click()
    badge = page.locator("details.question summary", has_text=second).locator(".kb-practice-badge")
    badge.wait_for()
    assert badge.inner_text() == "学习中"
    assert page.locator("details.question .kb-practice-badge").count() == page.locator("details.question").count()
    assert errors == []
    assert requests.foreign() == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_taps_no_overflow_in_both_palettes(browser, site_url, scheme):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme=scheme,
        locale="zh-CN",
    )
    requests = Requests(context)
    page = context.new_page()
    open_practice(page, site_url + "interview/practice/")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default")
    assert no_overflow(page)
    page.locator(".kb-chip", has_text="Kubernetes").first.tap()
    page.locator(".kb-practice__start").tap()
    assert no_overflow(page)
    shot(page, f"phone-{scheme}-front")
    reveal = page.locator(".kb-card__reveal")
    box = reveal.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a big target for a thumb
    reveal.tap()
    page.locator(".kb-card__answer").wait_for()
    assert no_overflow(page)
    for button in page.locator(".kb-card__grade").all():
        b = button.bounding_box()
        assert b["height"] >= 44 and b["x"] >= 0 and b["x"] + b["width"] <= 390
    shot(page, f"phone-{scheme}-back")
    # Grade buttons are readable in this palette: text colour differs from the page background.
    colours = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.kb-card__grade--3')).color,
                  getComputedStyle(document.querySelector('.kb-card')).backgroundColor]"""
    )
    assert colours[0] != colours[1]
    page.locator(".kb-card__grade--3").tap()
    page.locator(".kb-card__reveal").tap()
    page.locator(".kb-card__grade--1").tap()
    page.locator(".kb-card__end").tap()
    summary = page.locator(".kb-practice__summary")
    assert "会 1" in summary.inner_text() and "不会 1" in summary.inner_text()
    assert no_overflow(page)
    shot(page, f"phone-{scheme}-summary")
    assert progress_row(page, "Kubernetes")[1] == 2
    assert requests.foreign() == []
    context.close()


def test_export_then_import_into_a_fresh_profile_reset_and_damaged_values(browser, site_url, tmp_path):
    url = site_url + "interview/practice/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    open_practice(page, url)
    page.locator(".kb-chip", has_text="Linux").first.click()
    page.locator(".kb-practice__start").click()
    for grade in ("3", "1"):
        page.keyboard.press(" ")
        page.keyboard.press(grade)
    with page.expect_download() as info:
        page.locator(".kb-practice__export").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert re.fullmatch(r"kb-practice-\d{4}-\d{2}-\d{2}\.json", exported.name)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "kb-practice-progress" and len(data["cards"]) == 2
    linux = progress_row(page, "Linux")
    context.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    page = fresh.new_page()
    open_practice(page, url)
    assert progress_row(page, "Linux")[1] == 0
    page.locator(".kb-practice__file").set_input_files(str(exported))
    page.locator(".kb-practice__message", has_text="已导入 2 道题的进度").wait_for()
    assert progress_row(page, "Linux") == linux
    # A file that is not ours: refused with a message, progress untouched.
    foreign = tmp_path / "other.json"
    foreign.write_text('{"hello": "world"}', encoding="utf-8")
    page.locator(".kb-practice__file").set_input_files(str(foreign))
    page.locator(".kb-practice__message--error", has_text="导入失败").wait_for()
    assert progress_row(page, "Linux") == linux
    # Reset asks first; dismissing keeps everything, accepting clears it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(".kb-practice__reset").click()
    assert progress_row(page, "Linux") == linux
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".kb-practice__reset").click()
    page.locator(".kb-practice__message", has_text="已清除").wait_for()
    assert progress_row(page, "Linux")[1:] == (0, 0)
    page.reload()
    page.locator("#kb-practice[data-kb-ready]").wait_for()
    assert progress_row(page, "Linux")[1:] == (0, 0)
    fresh.close()

    # A damaged stored value: a visible message, a working page, the value kept aside.
    damaged = browser.new_context(viewport={"width": 1280, "height": 900})
    damaged.add_init_script("if (!sessionStorage.getItem('x')) { sessionStorage.setItem('x', 1); localStorage.setItem('kb.practice.v1', '{\"format\": 1, broken'); }")
    page = damaged.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_practice(page, url)
    assert "无法读取" in page.locator(".kb-practice__message--error").inner_text()
    page.locator(".kb-practice__start").click()
    page.keyboard.press(" ")
    page.keyboard.press("3")
    stored = json.loads(page.evaluate("localStorage.getItem('kb.practice.v1')"))
    assert stored["format"] == "kb-practice-progress" and len(stored["cards"]) == 1
    assert "broken" in page.evaluate("localStorage.getItem('kb.practice.v1.damaged')")
    page.goto(site_url + "interview/")  # other pages cope with it too
    assert errors == []
    damaged.close()


def test_offline_copy_from_file_url(browser, make_project):
    project = make_project(
        {
            "index.md": page_md("首页", "# 首页\n\n[刷题](interview/practice.md)\n"),
            "docker/index.md": page_md("Docker", "# Docker\n\n- [容器](c.md)\n"),
            "docker/c.md": page_md(
                "容器",
                """\
                # 容器

                ## 自测题 {#quiz}

                ??? question "容器和虚拟机有什么区别？"
                    容器共享内核，见 [Docker](index.md)。

                ??? question "容器什么时候退出？"
                    主进程结束时。
                """,
            ),
        },
        "extra:\n  categories: [docker]\n",
    )
    result = run_build(project, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests = Requests(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_practice(page, (site / "interview" / "practice.html").as_uri())
    page.locator(".kb-practice__start").click()
    assert card_question(page) == "容器和虚拟机有什么区别？"
    page.keyboard.press(" ")
    assert "容器共享内核" in page.locator(".kb-card__answer").inner_text()
    href = page.locator(".kb-card__answer a").get_attribute("href")
    assert (site / "interview" / href).resolve() == (site / "docker" / "index.html").resolve()
    page.keyboard.press("3")
    page.reload()
    page.locator("#kb-practice[data-kb-ready]").wait_for()
    assert progress_row(page, "Docker") == (1, 1, 0)
    page.locator(".kb-practice__start").click()
    assert card_question(page) == "容器什么时候退出？"  # the practised card waits for its day
    assert errors == []
    assert requests.foreign() == []
    context.close()
