import { test } from "node:test"
import assert from "node:assert/strict"
import { columnLayout, effectiveLabel } from "../../web/diagrams/geometry.js"

test("effective label size is font × shown width ÷ natural width", () => {
  assert.equal(effectiveLabel(16, 500, 1000), 8)
  assert.equal(effectiveLabel(16, 1000, 1000), 16)
  assert.equal(effectiveLabel(14, 300, 0), 14)
})

const table = [
  // natural width, column, font -> scale, scrolls
  [{ width: 400, height: 200 }, 700, 16, 1, false], // fits: natural size, never enlarged
  [{ width: 800, height: 400 }, 700, 16, 700 / 800, false], // shrinks to the column, labels 14 px
  [{ width: 2186, height: 300 }, 358, 16, 0.75, true], // would be 2.6 px: comfortable 12 px, scrolls
  [{ width: 544, height: 1200 }, 358, 16, 358 / 544, false], // 10.5 px fitted beats scrolling 50 px
  [{ width: 574, height: 300 }, 358, 16, 0.75, true], // 9.98 px fitted: too small, 12 px and scroll
  [{ width: 1000, height: 300 }, 1000, 16, 1, false], // exactly the column
  [{ width: 900, height: 300 }, 600, 10, 1, true], // small labels are never shrunk
]

for (const [natural, column, font, scale, scrolls] of table) {
  test(`layout of ${natural.width} px in ${column} px (font ${font})`, () => {
    const got = columnLayout({ natural, column, font })
    assert.ok(Math.abs(got.scale - scale) < 1e-9, `scale ${got.scale} != ${scale}`)
    assert.equal(got.scrolls, scrolls)
    assert.ok(Math.abs(got.width - natural.width * scale) < 1e-9)
    assert.ok(Math.abs(got.height - natural.height * scale) < 1e-9)
  })
}

test("property: labels are at least the minimum; a diagram that scrolls has comfortable labels", () => {
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = 0; i < 2000; i++) {
    const natural = { width: 50 + rand() * 3000, height: 50 + rand() * 2000 }
    const column = 200 + rand() * 1000
    const font = 8 + rand() * 12
    const minimum = 8 + rand() * 4
    const comfortable = minimum + rand() * 4
    const got = columnLayout({ natural, column, font, minimum, comfortable })
    const label = effectiveLabel(font, got.width, natural.width)
    assert.ok(got.scale <= 1 + 1e-12, "never enlarged")
    assert.ok(label >= Math.min(font, minimum) - 1e-9, `label ${label}`)
    assert.equal(got.scrolls, got.width > column + 0.5)
    if (got.scrolls) assert.ok(label >= Math.min(font, comfortable) - 1e-9)
    else assert.ok(got.width <= column + 0.5)
  }
})
