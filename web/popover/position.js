// Where the popover goes: below the term link when it fits, else above; always inside the viewport.
// Pure: rectangles in viewport coordinates (CSS pixels) in, a position out.

export const GAP = 8 // between the link and the popover
export const MARGIN = 8 // between the popover and the viewport's edges

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, high))
}

// anchor: {left, top, right, bottom} of the link (its first line box when it wraps);
// size: {width, height} of the popover as rendered; viewport: {width, height}.
// Returns {left, top, width, placement: "below" | "above", arrow}: arrow is the
// horizontal offset of the link's centre from the popover's left edge.
export function placePopover(anchor, size, viewport) {
  const width = Math.min(size.width, Math.max(0, viewport.width - 2 * MARGIN))
  const centre = (anchor.left + anchor.right) / 2
  const left = clamp(centre - width / 2, MARGIN, Math.max(MARGIN, viewport.width - MARGIN - width))
  const below = anchor.bottom + GAP
  const above = anchor.top - GAP - size.height
  const fitsBelow = below + size.height <= viewport.height - MARGIN
  const fitsAbove = above >= MARGIN
  const roomBelow = viewport.height - anchor.bottom
  const placement = fitsBelow || (!fitsAbove && roomBelow >= anchor.top) ? "below" : "above"
  const wanted = placement === "below" ? below : above
  const top = clamp(wanted, MARGIN, Math.max(MARGIN, viewport.height - MARGIN - size.height))
  const arrow = clamp(centre - left, 12, Math.max(12, width - 12))
  return { left, top, width, placement, arrow }
}
