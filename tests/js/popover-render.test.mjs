import { test } from "node:test"
import assert from "node:assert/strict"
import { LINK_TEXT, escapeHTML, popoverHTML, readTerm } from "../../web/popover/render.js"

const IDS = { term: "t", summary: "s" }

function link(attrs, text) {
  return { dataset: attrs.dataset || {}, textContent: text, getAttribute: (name) => attrs[name] ?? null }
}

test("the term, its summary and the link to the definition", () => {
  const html = popoverHTML({ term: "脑裂", summary: "集群分裂成两半。", href: "../x/#split-brain" }, IDS)
  assert.equal(
    html,
    '<span class="kb-popover__term" id="t">脑裂</span>' +
      '<span class="kb-popover__summary" id="s">集群分裂成两半。</span>' +
      `<a class="kb-popover__link" href="../x/#split-brain">${LINK_TEXT}</a>`,
  )
})

test("everything is escaped", () => {
  const html = popoverHTML({ term: "<b>", summary: `"x" & <script>'y'</script>`, href: '"><img src=x>' }, IDS)
  assert.ok(!html.includes("<script>") && !html.includes("<b>") && !html.includes("<img"))
  assert.ok(html.includes("&quot;x&quot; &amp; &lt;script&gt;&#39;y&#39;&lt;/script&gt;"))
  assert.equal(escapeHTML("a&b"), "a&amp;b")
})

test("readTerm: data attributes first, then title and link text", () => {
  const full = link({ dataset: { term: "容器", summary: "一组进程。" }, href: "a/#c", title: "旧" }, " container ")
  assert.deepEqual(readTerm(full), { term: "容器", summary: "一组进程。", href: "a/#c" })
  const old = link({ href: "b/", title: "标题里的定义。" }, " Pod ")
  assert.deepEqual(readTerm(old), { term: "Pod", summary: "标题里的定义。", href: "b/" })
  assert.deepEqual(readTerm(link({}, "")), { term: "", summary: "", href: "" })
})
