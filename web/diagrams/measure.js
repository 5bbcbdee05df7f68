/* Reading a rendered Mermaid SVG: its natural size and its smallest label font size. */

const LABELS = "text, tspan, foreignObject span, foreignObject p, foreignObject div"

/** Natural size of a Mermaid SVG in px: its viewBox, else its drawn box. */
export function naturalSize(svg) {
  const vb = svg.viewBox && svg.viewBox.baseVal
  if (vb && vb.width > 0 && vb.height > 0)
    return { width: vb.width, height: vb.height }
  const box = svg.getBBox()
  return { width: box.width || 1, height: box.height || 1 }
}

/** Smallest font size (px, at scale 1) of the elements that carry label text; 16 if none. */
export function smallestFont(root) {
  let font = Infinity
  for (const el of root.querySelectorAll(LABELS)) {
    let own = false
    for (const node of el.childNodes)
      if (node.nodeType === 3 && node.textContent.trim()) {
        own = true
        break
      }
    if (!own)
      continue
    const size = parseFloat(getComputedStyle(el).fontSize)
    if (size > 0)
      font = Math.min(font, size)
  }
  return font === Infinity ? 16 : font
}
