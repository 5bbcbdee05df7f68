// DOM helpers shared by the practice page, the question index and topic pages.

import { entryFor, parseCardList } from "./deck.js"
import { daysUntil, stateOf } from "./scheduler.js"

export const STATE_LABELS = { new: "新题", learning: "学习中", mastered: "已掌握" }

// el("button", { class: "x", onclick: f }, "text", child...) -- strings become text nodes.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false)
      continue
    if (key.startsWith("on"))
      node.addEventListener(key.slice(2), value)
    else if (key === "html")
      node.innerHTML = value  // build-time HTML from the deck (the site's own rendered pages)
    else
      node.setAttribute(key, value === true ? "" : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false)
      continue
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child)
  }
  return node
}

export function whenText(entry, now) {
  const days = daysUntil(entry, now)
  return days === 0 ? "今天复习" : days === 1 ? "明天复习" : `${days} 天后复习`
}

export function describeEntry(entry, now) {
  if (!entry)
    return "还没有练过"
  return `第 ${entry.box} 盒，${whenText(entry, now)}，共练 ${entry.n} 次`
}

// A small state badge in the summary of every question block of a page.
export function decorateQuestions(root, progress, now) {
  for (const details of root.querySelectorAll("details.question[data-kb-card]")) {
    const summary = details.querySelector(":scope > summary")
    if (!summary)
      continue
    const entry = entryFor(progress, details.getAttribute("data-kb-card"), details.getAttribute("data-kb-digest"))
    const state = stateOf(entry)
    let badge = summary.querySelector(":scope > .kb-practice-badge")
    if (!badge) {
      badge = el("span", { class: "kb-practice-badge" })
      summary.append(" ", badge)
    }
    badge.className = `kb-practice-badge kb-practice-badge--${state}`
    badge.textContent = STATE_LABELS[state]
    badge.title = "刷题进度：" + describeEntry(entry, now)
  }
}

// Fill every progress table (rows list their cards as "id:digest ...").
export function fillProgressTables(root, progress) {
  for (const table of root.querySelectorAll(".kb-practice-progress table")) {
    const total = { new: 0, learning: 0, mastered: 0 }
    for (const row of table.querySelectorAll("tr[data-kb-cards]")) {
      const counts = { new: 0, learning: 0, mastered: 0 }
      for (const card of parseCardList(row.getAttribute("data-kb-cards")))
        counts[stateOf(entryFor(progress, card.id, card.h))]++
      for (const state of Object.keys(counts)) {
        total[state] += counts[state]
        const cell = row.querySelector(`[data-kb-state="${state}"]`)
        if (cell) cell.textContent = String(counts[state])
      }
    }
    const totalRow = table.querySelector("tr[data-kb-total]")
    for (const state of Object.keys(total)) {
      const cell = totalRow && totalRow.querySelector(`[data-kb-state="${state}"]`)
      if (cell) cell.textContent = String(total[state])
    }
  }
}

export function showMessage(container, text, kind) {
  const message = el("p", { class: `kb-practice__message kb-practice__message--${kind || "info"}`, role: kind === "error" ? "alert" : "status" }, text)
  container.append(message)
  return message
}
