import { test } from "node:test"
import assert from "node:assert/strict"
import {
  clamp, containScale, initialTransform, keepVisible, pan, pinch, scaleLimits, wheelFactor, zoomAt, ZOOM_STEP,
} from "../../web/diagrams/zoom.js"

const close = (a, b, eps = 1e-9) => Math.abs(a - b) < eps
const shown = (t, p) => ({ x: t.x + p.x * t.scale, y: t.y + p.y * t.scale })

test("contain scale fits the diagram inside the stage with padding", () => {
  assert.ok(close(containScale({ width: 1000, height: 500 }, { width: 532, height: 900 }, 16), 0.5))
  assert.ok(close(containScale({ width: 100, height: 400 }, { width: 1000, height: 432 }, 16), 1))
})

test("the viewer opens on the whole diagram when its labels are readable that way", () => {
  const t = initialTransform({ width: 800, height: 400 }, { width: 1440, height: 800 }, 16, 12)
  assert.ok(t.scale >= 1 && t.scale <= 2)
  assert.ok(close(t.x, (1440 - 800 * t.scale) / 2)) // centred
})

test("on a phone a wide diagram opens at readable labels, at its left edge", () => {
  const t = initialTransform({ width: 2186, height: 300 }, { width: 390, height: 780 }, 16, 12)
  assert.ok(close(t.scale * 16, 12))
  assert.equal(t.x, 16)
  assert.ok(close(t.y, (780 - 300 * t.scale) / 2))
})

test("zooming keeps the point under the cursor fixed", () => {
  const limits = { min: 0.1, max: 8 }
  const t = { scale: 1, x: 10, y: 20 }
  const at = { x: 200, y: 150 }
  const p = { x: (at.x - t.x) / t.scale, y: (at.y - t.y) / t.scale }
  const z = zoomAt(t, ZOOM_STEP, at, limits)
  assert.ok(close(z.scale, ZOOM_STEP))
  const q = shown(z, p)
  assert.ok(close(q.x, at.x) && close(q.y, at.y))
})

test("zoom is clamped to the limits", () => {
  const limits = { min: 0.5, max: 2 }
  assert.equal(zoomAt({ scale: 1.9, x: 0, y: 0 }, 10, { x: 0, y: 0 }, limits).scale, 2)
  assert.equal(zoomAt({ scale: 0.6, x: 0, y: 0 }, 0.01, { x: 0, y: 0 }, limits).scale, 0.5)
  const l = scaleLimits({ width: 2000, height: 300 }, { width: 390, height: 780 }, 16, 12)
  assert.ok(l.min < 390 / 2000 && l.max >= 3)
})

test("zoom in then out by the same step returns to the start", () => {
  const limits = { min: 0.1, max: 8 }
  const t = { scale: 0.8, x: -40, y: 12 }
  const at = { x: 100, y: 300 }
  const back = zoomAt(zoomAt(t, ZOOM_STEP, at, limits), 1 / ZOOM_STEP, at, limits)
  assert.ok(close(back.scale, t.scale) && close(back.x, t.x) && close(back.y, t.y))
})

test("panning moves by the drag distance; keepVisible never loses the diagram", () => {
  assert.deepEqual(pan({ scale: 2, x: 1, y: 2 }, 10, -5), { scale: 2, x: 11, y: -3 })
  const content = { width: 1000, height: 500 }
  const stage = { width: 390, height: 700 }
  const far = keepVisible({ scale: 1, x: -5000, y: 5000 }, content, stage, 48)
  assert.equal(far.x, 48 - 1000)
  assert.equal(far.y, 700 - 48)
  const fine = keepVisible({ scale: 1, x: -100, y: 10 }, content, stage, 48)
  assert.deepEqual(fine, { scale: 1, x: -100, y: 10 })
})

test("pinch: scale follows finger distance, the midpoint's diagram point follows the midpoint", () => {
  const limits = { min: 0.1, max: 8 }
  const start = { scale: 1, x: 0, y: 0 }
  const a1 = { x: 100, y: 100 }, a2 = { x: 200, y: 100 }
  const b1 = { x: 80, y: 150 }, b2 = { x: 280, y: 150 }
  const t = pinch(start, a1, a2, b1, b2, limits)
  assert.ok(close(t.scale, 2))
  const q = shown(t, { x: 150, y: 100 }) // the point under the first midpoint
  assert.ok(close(q.x, 180) && close(q.y, 150))
})

test("property: wheel factors are positive, zoom in for negative delta, bounded", () => {
  for (let d = -2000; d <= 2000; d += 37) {
    const f = wheelFactor(d, 0)
    assert.ok(f > 0.5 && f < 2.0)
    assert.equal(f > 1, d < 0)
  }
  assert.ok(wheelFactor(-3, 1) > 1)
  assert.equal(clamp(5, 0, 3), 3)
})
