import { test } from "node:test"
import assert from "node:assert/strict"
import { highlighter, mark, blocks, teaser } from "../../web/search/snippets.js"

test("mark touches text only, never tags or entities", () => {
  const html = '<a href="amp">amp &amp; amp</a>'
  assert.equal(mark(html, highlighter(["amp"])), '<a href="amp"><mark>amp</mark> &amp; <mark>amp</mark></a>')
})

test("blocks and teaser: at most two matching blocks", () => {
  const html = "<p>one kafka</p><p>two</p><p>kafka three</p><p>kafka four</p>"
  assert.equal(blocks(html).length, 4)
  const out = teaser(html, highlighter(["kafka"]))
  assert.equal((out.match(/<p>/g) || []).length, 2)
})

test("mark never changes the text, only adds marks", () => {
  const samples = ["<p>a&lt;b</p>", "时钟\u200b回拨", "x <code>kafka</code> y", "&amp;&"]
  for (const html of samples)
    for (const word of ["a", "时钟回拨", "kafka", "amp"])
      assert.equal(mark(html, highlighter([word])).replace(/<\/?mark>/g, ""), html)
})
