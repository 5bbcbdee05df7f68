// The practice page: choose cards, practise them one at a time, see a summary; export/import/reset.

import { buildQueue, countDue, countStates, digestsOf, entryFor, selectCards } from "./deck.js"
import { keyAction } from "./keyboard.js"
import { decorateQuestions, el, fillProgressTables, showMessage, STATE_LABELS } from "./render.js"
import { AGAIN, FUZZY, GRADE_LABELS, INTERVALS, isWrong, KNOWN, nextBox, stateOf } from "./scheduler.js"
import { Session } from "./session.js"
import { clearProgress, emptyProgress, mergeProgress, parseProgress, reconcile, saveProgress, serialize } from "./storage.js"

const LIMITS = [10, 20, 50, 0]

function intervalText(box) {
  const days = INTERVALS[box - 1]
  return days === 0 ? "今天再练" : `${days} 天后`
}

export class App {
  constructor(root, deck, storage, loaded, now = () => Date.now()) {
    this.root = root
    this.deck = deck
    this.storage = storage
    this.now = now
    this.categoryTitles = new Map(deck.categories.map(c => [c.id, c.title]))
    this.choice = { categories: [], tags: [], wrongOnly: false, limit: 20 }
    this.session = null
    this.mount = root.querySelector(".kb-practice__app") || root.appendChild(el("div", { class: "kb-practice__app" }))
    this.messages = el("div", { class: "kb-practice__messages" })
    this.view = el("div", { class: "kb-practice__view" })
    this.tools = this.renderTools()
    this.mount.replaceChildren(this.messages, this.view, this.tools)
    const { progress, dropped } = reconcile(loaded.progress, digestsOf(deck.cards))
    this.progress = progress
    if (loaded.error)
      this.message(loaded.error, "error")
    if (dropped.length) {
      this.message(`有 ${dropped.length} 道题的题目文字改过了，它们的旧进度已清除。`, "info")
      this.save()
    }
    this.renderSetup()
  }

  message(text, kind) {
    this.messages.replaceChildren()
    showMessage(this.messages, text, kind)
  }

  save() {
    if (this.storage && !saveProgress(this.storage, this.progress))
      this.message("进度没能保存到浏览器（存储已满或被禁用）。", "error")
    fillProgressTables(document, this.progress)
    decorateQuestions(document, this.progress, this.now())
  }

  // --- choosing cards ---------------------------------------------------------

  chip(label, checked, onchange, extra) {
    return el("label", { class: "kb-chip" + (checked ? " kb-chip--on" : "") },
      el("input", { type: "checkbox", checked, onchange }), label, extra ? el("span", { class: "kb-chip__count" }, extra) : null)
  }

  renderSetup() {
    this.session = null
    const deck = this.deck
    const choice = this.choice
    const now = this.now()
    const cats = new Set(choice.categories)
    const tags = new Set(choice.tags)
    const rerender = () => this.renderSetup()
    const toggle = (list, value) => list.includes(value) ? list.filter(v => v !== value) : [...list, value]
    const perCategory = new Map()
    for (const card of deck.cards)
      perCategory.set(card.c, (perCategory.get(card.c) || 0) + 1)
    const wrong = deck.cards.filter(card => isWrong(entryFor(this.progress, card.id, card.h))).length

    const categoryChips = el("div", { class: "kb-chips", role: "group", "aria-label": "分类" },
      this.chip("全部", cats.size === 0, () => { choice.categories = []; rerender() }, String(deck.cards.length)),
      deck.categories.map(c => this.chip(c.title, cats.has(c.id),
        () => { choice.categories = toggle(choice.categories, c.id); rerender() }, String(perCategory.get(c.id) || 0))))
    const tagChips = el("details", { class: "kb-practice__tags", open: tags.size > 0 },
      el("summary", {}, tags.size ? `按标签筛选（已选 ${tags.size} 个）` : "按标签筛选"),
      el("div", { class: "kb-chips", role: "group", "aria-label": "标签" },
        this.chip("全部标签", tags.size === 0, () => { choice.tags = []; rerender() }),
        deck.tags.map(tag => this.chip(tag, tags.has(tag), () => { choice.tags = toggle(choice.tags, tag); rerender() }))))
    const wrongChip = el("div", { class: "kb-chips" },
      this.chip("只练错题", choice.wrongOnly, () => { choice.wrongOnly = !choice.wrongOnly; rerender() }, String(wrong)))
    const limit = el("select", { class: "kb-practice__limit", "aria-label": "每轮题数",
      onchange: e => { choice.limit = Number(e.target.value); rerender() } },
      LIMITS.map(n => el("option", { value: n, selected: n === choice.limit }, n ? `每轮 ${n} 题` : "每轮不限")))

    const selected = selectCards(deck.cards, choice, this.progress)
    const queue = buildQueue(selected, this.progress, now, { everything: choice.wrongOnly, limit: choice.limit })
    const states = countStates(selected, this.progress)
    const due = countDue(selected, this.progress, now)
    const waiting = selected.length - states.new - due
    const status = selected.length === 0
      ? (choice.wrongOnly ? "所选范围里没有错题。" : "所选范围里没有题目。")
      : `所选范围共 ${selected.length} 题：到期 ${due} 题，新题 ${states.new} 题` +
        (waiting > 0 && !choice.wrongOnly ? `，另有 ${waiting} 题还没到复习时间` : "") + "。"
    const start = el("button", {
      class: "md-button md-button--primary kb-practice__start", type: "button", disabled: queue.length === 0,
      onclick: () => this.startSession(queue),
    }, queue.length ? `开始练习（${queue.length} 题）` : "暂时没有要练的题")

    this.view.replaceChildren(
      el("div", { class: "kb-practice__setup" },
        el("p", { class: "kb-practice__heading" }, "选择题目"),
        categoryChips, tagChips, wrongChip,
        el("div", { class: "kb-practice__go" }, limit, start),
        el("p", { class: "kb-practice__status" }, status)))
  }

  // --- a session ---------------------------------------------------------------

  startSession(queue) {
    this.session = new Session(queue, this.progress)
    this.renderCard(true)
  }

  renderCard(focus) {
    const session = this.session
    if (session.done)
      return this.renderSummary()
    const card = session.card
    const entry = entryFor(this.progress, card.id, card.h)
    const graded = session.gradeOf(card.id)
    const before = session.results.has(card.id) ? session.results.get(card.id).before : entry
    const box = before ? before.box : 0
    const meta = el("p", { class: "kb-card__meta" },
      el("span", { class: "kb-card__count" }, `第 ${session.index + 1} / ${session.queue.length} 题`),
      el("span", {}, this.categoryTitles.get(card.c) || card.c),
      el("span", { class: `kb-practice-badge kb-practice-badge--${stateOf(before)}` },
        before ? `第 ${before.box} 盒` : STATE_LABELS.new))
    const body = [
      meta,
      el("div", { class: "kb-card__question", html: card.q }),
    ]
    if (!session.revealed) {
      body.push(el("button", { class: "md-button md-button--primary kb-card__reveal", type: "button",
        onclick: () => this.act("reveal") }, "显示答案", el("kbd", {}, "空格")))
    } else {
      const grades = [AGAIN, FUZZY, KNOWN].map(g => el("button", {
        class: `kb-card__grade kb-card__grade--${g}` + (graded === g ? " kb-card__grade--chosen" : ""),
        type: "button", "data-grade": g, "aria-pressed": graded === g ? "true" : "false",
        onclick: () => this.act("grade" + g),
      }, el("span", { class: "kb-card__grade-label" }, GRADE_LABELS[g]),
      el("span", { class: "kb-card__grade-hint" }, `${g} · ${intervalText(nextBox(box, g))}`)))
      body.push(
        el("div", { class: "kb-card__answer", html: card.a }),
        el("p", { class: "kb-card__source" }, "出自：", el("a", { href: card.url }, card.page)),
        el("div", { class: "kb-card__grades", role: "group", "aria-label": "自评" }, grades))
    }
    body.push(el("div", { class: "kb-card__nav" },
      el("button", { class: "kb-card__navbtn", type: "button", disabled: session.index === 0, onclick: () => this.act("prev") }, "上一题 ", el("kbd", {}, "k")),
      el("button", { class: "kb-card__navbtn", type: "button", onclick: () => this.act("next") }, graded ? "下一题 " : "跳过 ", el("kbd", {}, "j")),
      el("button", { class: "kb-card__navbtn kb-card__end", type: "button", onclick: () => { session.finish(); this.renderSummary() } }, "结束本轮")))
    const node = el("div", { class: "kb-card", tabindex: "-1", "aria-label": "抽认卡" }, body)
    this.view.replaceChildren(node)
    renderDiagrams(node)
    if (focus)
      node.focus({ preventScroll: true })
  }

  act(action) {
    const session = this.session
    if (!session || session.done)
      return false
    if (action === "reveal") {
      if (session.revealed) return false
      session.reveal()
    } else if (action.startsWith("grade")) {
      if (!session.revealed) return false
      session.grade(Number(action.slice(5)), this.now())
      this.save()
    } else if (action === "next") {
      session.next()
    } else if (action === "prev") {
      session.prev()
    } else {
      return false
    }
    this.renderCard(true)
    const top = this.root.getBoundingClientRect().top
    if (top < 0) this.root.scrollIntoView({ block: "start" })
    return true
  }

  onKey(event) {
    const action = keyAction(event)
    if (action && this.act(action))
      event.preventDefault()
  }

  renderSummary() {
    const session = this.session
    const { total, graded, counts, again } = session.summary()
    const list = again.length
      ? el("ul", { class: "kb-practice__again" }, again.map(card =>
        el("li", {}, el("a", { href: card.url }, card.qt), el("span", { class: "kb-practice__page" }, `（${card.page}）`))))
      : null
    this.view.replaceChildren(el("div", { class: "kb-practice__summary" },
      el("p", { class: "kb-practice__heading" }, "本轮小结"),
      el("p", { class: "kb-practice__score" },
        `本轮 ${total} 题，评了 ${graded} 题：`,
        el("span", { class: "kb-score kb-score--3" }, `会 ${counts[3]}`), " · ",
        el("span", { class: "kb-score kb-score--2" }, `模糊 ${counts[2]}`), " · ",
        el("span", { class: "kb-score kb-score--1" }, `不会 ${counts[1]}`),
        graded < total ? `；跳过 ${total - graded} 题` : ""),
      again.length ? el("p", {}, "这些题评了「不会」，今天会再出现：") : el("p", {}, "没有评「不会」的题。"),
      list,
      el("div", { class: "kb-practice__go" },
        again.length ? el("button", { class: "md-button md-button--primary", type: "button",
          onclick: () => this.startSession(again) }, `再练不会的 ${again.length} 题`) : null,
        el("button", { class: "md-button", type: "button", onclick: () => this.renderSetup() }, "返回选题"))))
  }

  // --- export, import, reset ------------------------------------------------------

  renderTools() {
    const input = el("input", { type: "file", accept: "application/json,.json", class: "kb-practice__file",
      "aria-label": "选择进度文件", onchange: e => this.importFile(e.target) })
    return el("div", { class: "kb-practice__tools" },
      el("p", { class: "kb-practice__heading" }, "进度管理"),
      el("p", { class: "kb-practice__note" }, "进度只保存在这个浏览器里。换设备或清理浏览器数据前，先导出成文件。"),
      el("div", { class: "kb-practice__go" },
        el("button", { class: "md-button kb-practice__export", type: "button", onclick: () => this.exportFile() }, "导出进度"),
        el("button", { class: "md-button kb-practice__import", type: "button", onclick: () => input.click() }, "导入进度"),
        el("button", { class: "md-button kb-practice__reset", type: "button", onclick: () => this.reset() }, "重置进度"),
        input))
  }

  exportFile() {
    const blob = new Blob([serialize(this.progress)], { type: "application/json" })
    const date = new Date(this.now())
    const pad = n => String(n).padStart(2, "0")
    const name = `kb-practice-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`
    const link = el("a", { href: URL.createObjectURL(blob), download: name })
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10000)
    this.message(`已导出 ${Object.keys(this.progress.cards).length} 道题的进度：${name}`, "info")
  }

  importFile(input) {
    const file = input.files && input.files[0]
    if (!file)
      return
    file.text().then(text => {
      const parsed = parseProgress(text)
      if (parsed.error)
        return this.message("导入失败：" + parsed.error, "error")
      const merged = mergeProgress(this.progress, parsed.progress)
      const { progress, dropped } = reconcile(merged, digestsOf(this.deck.cards))
      this.progress = progress
      this.save()
      const count = Object.keys(parsed.progress.cards).length
      this.message(`已导入 ${count} 道题的进度` +
        (dropped.length ? `，其中 ${dropped.length} 道题的题目已改动，未导入` : "") +
        (parsed.skipped ? `，跳过 ${parsed.skipped} 条无效记录` : "") + "。", "info")
      if (!this.session) this.renderSetup()
    }, () => this.message("导入失败：读不了这个文件。", "error"))
    input.value = ""
  }

  reset() {
    if (!window.confirm("确定要清除全部刷题进度吗？此操作不能撤销，建议先导出。"))
      return
    this.progress = emptyProgress()
    if (this.storage) clearProgress(this.storage)
    fillProgressTables(document, this.progress)
    this.message("刷题进度已清除。", "info")
    this.renderSetup()
  }
}

// Mermaid blocks in an answer: rendered with the page's mermaid (mermaid-loader.js) when there is one.
function renderDiagrams(node) {
  const blocks = node.querySelectorAll("pre.mermaid, div.mermaid")
  const mermaid = window.mermaid
  if (!blocks.length || !mermaid || typeof mermaid.render !== "function")
    return
  blocks.forEach((block, i) => {
    const source = block.textContent
    Promise.resolve(mermaid.render(`kb-practice-diagram-${Date.now()}-${i}`, source)).then(result => {
      const svg = typeof result === "string" ? result : result && result.svg
      if (svg) {
        const figure = el("div", { class: "kb-card__diagram" })
        figure.innerHTML = svg
        block.replaceWith(figure)
      }
    }, () => {})
  })
}
