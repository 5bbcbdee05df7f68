/*
 * How large to show a diagram in the text column. Pure functions, no DOM.
 *
 * A Mermaid SVG has a natural size (its viewBox, in CSS px at scale 1) and labels of a
 * known font size. Shrinking it to the column makes the labels font × scale px tall.
 * We shrink it only as far as its labels stay readable; past that the diagram keeps a
 * readable scale and its container scrolls horizontally.
 */

/** The label size a reader sees: font size × displayed width ÷ natural width. */
export function effectiveLabel(font, displayedWidth, naturalWidth) {
  if (!(naturalWidth > 0))
    return font
  return font * displayedWidth / naturalWidth
}

/**
 * Scale and displayed size of a diagram in a column.
 *   natural: { width, height } of the SVG at scale 1
 *   column:  width available in the text column (px)
 *   font:    smallest label font size at scale 1 (px)
 *   readable: the smallest label size we accept as shown (px)
 * Returns { scale, width, height, scrolls }: scrolls is true when the diagram is wider
 * than the column at that scale (its container must then scroll horizontally).
 */
export function columnLayout({ natural, column, font, readable = 12 }) {
  const width = natural.width > 0 ? natural.width : column
  const height = natural.height > 0 ? natural.height : 0
  const fit = column > 0 ? Math.min(1, column / width) : 1
  const legible = font > 0 ? Math.min(1, readable / font) : 1
  const scale = Math.max(fit, legible)
  const shown = width * scale
  return { scale, width: shown, height: height * scale, scrolls: shown > column + 0.5 }
}
