import { test } from "node:test"
import assert from "node:assert/strict"
import { GAP, MARGIN, placePopover } from "../../web/popover/position.js"

const phone = { width: 390, height: 844 }
const desktop = { width: 1280, height: 900 }
const rect = (left, top, width = 40, height = 20) => ({ left, top, right: left + width, bottom: top + height })

test("below the link, centred on it, when there is room", () => {
  const spot = placePopover(rect(600, 100), { width: 300, height: 120 }, desktop)
  assert.equal(spot.placement, "below")
  assert.equal(spot.top, 120 + GAP)
  assert.equal(spot.left, 620 - 150)
  assert.equal(spot.arrow, 150)
})

test("above the link near the bottom of the viewport", () => {
  const spot = placePopover(rect(600, 850), { width: 300, height: 120 }, desktop)
  assert.equal(spot.placement, "above")
  assert.equal(spot.top, 850 - GAP - 120)
})

test("pushed inside at the left and right edges, arrow still points at the link", () => {
  const left = placePopover(rect(0, 100, 30), { width: 300, height: 100 }, phone)
  assert.equal(left.left, MARGIN)
  assert.equal(left.arrow, 15 - MARGIN < 12 ? 12 : 15 - MARGIN)
  const right = placePopover(rect(370, 100, 20), { width: 300, height: 100 }, phone)
  assert.equal(right.left, 390 - MARGIN - 300)
  assert.equal(right.arrow, Math.min(380 - right.left, 300 - 12)) // kept off the rounded corner
})

test("a popover wider than the phone is narrowed to fit", () => {
  const spot = placePopover(rect(100, 100), { width: 500, height: 100 }, phone)
  assert.equal(spot.width, 390 - 2 * MARGIN)
  assert.equal(spot.left, MARGIN)
})

test("random links and sizes: always inside the viewport when it fits", () => {
  let seed = 7
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  for (let i = 0; i < 2000; i++) {
    const viewport = rnd() < 0.5 ? phone : desktop
    const anchor = rect(rnd() * (viewport.width - 40), rnd() * (viewport.height - 20), 5 + rnd() * 35, 20)
    const size = { width: 100 + rnd() * 500, height: 40 + rnd() * 300 }
    const spot = placePopover(anchor, size, viewport)
    assert.ok(spot.left >= MARGIN - 1e-9 && spot.left + spot.width <= viewport.width - MARGIN + 1e-9, JSON.stringify({ anchor, size, spot }))
    assert.ok(spot.top >= MARGIN - 1e-9 && spot.top + size.height <= viewport.height - MARGIN + 1e-9, JSON.stringify({ anchor, size, spot }))
    assert.ok(spot.arrow >= 0 && spot.arrow <= spot.width)
    if (spot.placement === "below" && spot.top === anchor.bottom + GAP) assert.ok(spot.top >= anchor.bottom)
  }
})
