/*
 * How large to show a diagram in the text column. Pure functions, no DOM.
 *
 * A Mermaid SVG has a natural size (its viewBox, in CSS px at scale 1) and labels of a
 * known font size. Shrinking it to the column makes the labels font × scale px tall.
 * We shrink it to the column when its labels stay at least 10 px (10.25); a diagram too wide for
 * that is shown with comfortable 12 px labels and its container scrolls horizontally.
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
 *   minimum: the smallest label size we accept when shrinking a diagram to the column
 *            (px; 10 px plus a margin, so that sub-pixel layout never shows 9.99 px)
 *   comfortable: the label size of a diagram that cannot fit that way: it is shown at
 *            this size and scrolls (px; Chinese text below 12 px is hard to read)
 * A diagram is never enlarged. Returns { scale, width, height, scrolls }: scrolls is true
 * when the diagram is wider than the column (its container must scroll horizontally).
 */
export function columnLayout({ natural, column, font, minimum = 10.25, comfortable = 12 }) {
  const width = natural.width > 0 ? natural.width : column
  const height = natural.height > 0 ? natural.height : 0
  const fit = column > 0 ? Math.min(1, column / width) : 1
  const size = font > 0 ? font : 16
  const scale = fit * size >= Math.min(size, minimum) ? fit : Math.min(1, comfortable / size)
  const shown = width * scale
  return { scale, width: shown, height: height * scale, scrolls: shown > column + 0.5 }
}
