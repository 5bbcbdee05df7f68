// Labels that act as buttons (the 404 page's 「搜索本站」 opens Material's search by toggling
// its checkbox) answer Enter and Space like a real button does.
export function isActivationKey(key) {
  return key === "Enter" || key === " " || key === "Spacebar"
}

export function installLabelButtons(win) {
  win.document.addEventListener("keydown", (event) => {
    const label = event.target && event.target.closest ? event.target.closest("label[role='button']") : null
    if (!label || !isActivationKey(event.key)) return
    event.preventDefault()
    label.click()
  })
}
