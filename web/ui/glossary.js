// The glossary's filter box and jump bar on glossary/ (markup from hooks/kb/glossary.py).
import { filterEntries, fold } from "./glossary-filter.js"
import { onEveryPage } from "./pages.js"

function setup(doc) {
  const box = doc.querySelector(".kb-glossary-filter")
  const input = doc.getElementById("kb-glossary-filter")
  if (!box || !input || input.dataset.ready) return
  input.dataset.ready = "1"
  const status = box.querySelector(".kb-glossary-filter__count")
  const empty = doc.querySelector(".kb-glossary-empty")
  const entries = Array.from(doc.querySelectorAll("dl.kb-glossary > dt[data-match]")).map((dt) => {
    const dd = dt.nextElementSibling
    return {
      dt,
      dd,
      list: dt.parentElement,
      spellings: dt.dataset.match.split("\n").map(fold),
      summary: fold(dd ? dd.querySelector(".kb-glossary__summary")?.textContent : ""),
    }
  })
  const jumps = Array.from(doc.querySelectorAll(".kb-glossary-jump a[data-group]"))
  function apply() {
    const { visible, count, status: text } = filterEntries(entries, input.value)
    entries.forEach((entry, i) => {
      entry.dt.hidden = !visible[i]
      if (entry.dd) entry.dd.hidden = !visible[i]
    })
    const shown = new Set()
    entries.forEach((entry, i) => visible[i] && shown.add(entry.list))
    for (const list of new Set(entries.map((e) => e.list))) {
      list.hidden = !shown.has(list)
      const heading = list.previousElementSibling
      if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = list.hidden
    }
    for (const link of jumps) {
      const heading = doc.getElementById(link.dataset.group)
      const off = !heading || heading.hidden
      link.classList.toggle("kb-glossary-jump--off", off)
      // The table of contents lists the same groups: hide the empty ones there too.
      for (const item of doc.querySelectorAll(`.md-nav--secondary a[href="#${link.dataset.group}"]`)) {
        const li = item.closest("li")
        if (li) li.hidden = off
      }
      if (off) link.setAttribute("aria-disabled", "true")
      else link.removeAttribute("aria-disabled")
    }
    status.textContent = text
    if (empty) empty.hidden = count !== 0
  }
  input.addEventListener("input", apply)
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value) {
      input.value = ""
      apply()
      event.stopPropagation()
    } else if (event.key === "Enter") {
      const first = entries.find((entry) => !entry.dt.hidden)
      if (first) first.dt.querySelector("a")?.focus()
    }
  })
  box.hidden = false
  apply()
  // A jump to a letter lands below the sticky tools: their height, kept in a CSS variable.
  const tools = doc.querySelector(".kb-glossary-tools")
  const measure = () => doc.documentElement.style.setProperty("--kb-glossary-tools", `${tools.offsetHeight}px`)
  if (tools) {
    measure()
    doc.defaultView.addEventListener("resize", measure)
  }
}

export function installGlossary(win) {
  onEveryPage(win, () => setup(win.document))
}
