/*
 * Pan and zoom for the full-size viewer. Pure functions over a transform
 * { scale, x, y }: a point p of the diagram (in its natural px) is shown at
 * (x + p.x * scale, y + p.y * scale) in the viewer's stage.
 */

export const ZOOM_STEP = 1.25

/** Smallest and largest scale for a diagram of natural size `content` in a stage of size `stage`. */
export function scaleLimits(content, stage, font = 16, readable = 12) {
  const contain = containScale(content, stage)
  const legible = readable / font
  return { min: Math.min(contain, legible, 1) / 2, max: Math.max(4, legible * 4) }
}

/** The scale at which the whole diagram fits in the stage, with `padding` px around it. */
export function containScale(content, stage, padding = 16) {
  const w = Math.max(1, stage.width - 2 * padding)
  const h = Math.max(1, stage.height - 2 * padding)
  return Math.min(w / Math.max(1, content.width), h / Math.max(1, content.height))
}

export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value))
}

/**
 * The transform the viewer opens with (and 还原 returns to): the whole diagram when its
 * labels are readable that way (at most twice its natural size), otherwise the scale at
 * which labels are `readable` px, showing the diagram's start (left edge) and centred
 * along any axis that fits.
 */
export function initialTransform(content, stage, font = 16, readable = 12, padding = 16) {
  const contain = containScale(content, stage, padding)
  const scale = contain * font >= readable ? Math.min(contain, 2) : readable / font
  return { scale, ...place(content, stage, scale, padding) }
}

function place(content, stage, scale, padding) {
  const w = content.width * scale
  const h = content.height * scale
  return {
    x: w <= stage.width - 2 * padding ? (stage.width - w) / 2 : padding,
    y: h <= stage.height - 2 * padding ? (stage.height - h) / 2 : padding,
  }
}

/** Zoom by `factor` keeping the stage point `at` ({x, y}) fixed; the scale stays in limits. */
export function zoomAt(t, factor, at, limits) {
  const scale = clamp(t.scale * factor, limits.min, limits.max)
  const k = scale / t.scale
  return { scale, x: at.x - (at.x - t.x) * k, y: at.y - (at.y - t.y) * k }
}

/** Move by (dx, dy) stage px. */
export function pan(t, dx, dy) {
  return { scale: t.scale, x: t.x + dx, y: t.y + dy }
}

/** Keep at least `margin` px of the diagram inside the stage, so it can never be lost. */
export function keepVisible(t, content, stage, margin = 48) {
  const w = content.width * t.scale
  const h = content.height * t.scale
  const mx = Math.min(margin, w)
  const my = Math.min(margin, h)
  return {
    scale: t.scale,
    x: clamp(t.x, mx - w, stage.width - mx),
    y: clamp(t.y, my - h, stage.height - my),
  }
}

/**
 * Two-finger gesture: `start` is the transform when the second finger touched, a1/a2 the
 * fingers then, b1/b2 the fingers now. The diagram point under the fingers' midpoint
 * follows the midpoint; the scale follows the fingers' distance.
 */
export function pinch(start, a1, a2, b1, b2, limits) {
  const before = Math.hypot(a2.x - a1.x, a2.y - a1.y)
  const after = Math.hypot(b2.x - b1.x, b2.y - b1.y)
  const factor = before > 0 ? after / before : 1
  const from = { x: (a1.x + a2.x) / 2, y: (a1.y + a2.y) / 2 }
  const to = { x: (b1.x + b2.x) / 2, y: (b1.y + b2.y) / 2 }
  const zoomed = zoomAt(start, factor, from, limits)
  return pan(zoomed, to.x - from.x, to.y - from.y)
}

/** Wheel delta (pixels) to a zoom factor: smooth for trackpads, one step per mouse notch. */
export function wheelFactor(deltaY, deltaMode = 0) {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY
  return Math.exp(-clamp(px, -300, 300) * 0.002)
}
