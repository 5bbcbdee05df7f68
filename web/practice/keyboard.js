// Keyboard shortcuts of the practice page: space reveals, 1/2/3 grade, j/k next/previous.

const TYPING = new Set(["TEXTAREA", "SELECT"])
const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "range", "color"])
const ACTIVATES = new Set(["BUTTON", "A", "SUMMARY", "INPUT", "LABEL", "SELECT", "TEXTAREA"])

export function isTyping(target) {
  if (!target)
    return false
  if (target.tagName === "INPUT")
    return !NOT_TEXT.has(String(target.type || "text").toLowerCase())
  return TYPING.has(target.tagName) || target.isContentEditable === true
}

// The action for a keydown event, or null to leave the key alone.
export function keyAction(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
    return null
  const target = event.target
  if (isTyping(target))
    return null
  switch (event.key) {
    case " ":
    case "Spacebar":
      // On a focused button or link, space is that control's own click.
      return target && ACTIVATES.has(target.tagName) ? null : "reveal"
    case "1": return "grade1"
    case "2": return "grade2"
    case "3": return "grade3"
    case "j": case "J": return event.shiftKey ? null : "next"
    case "k": case "K": return event.shiftKey ? null : "prev"
    default: return null
  }
}
