// When the popover opens and closes. No DOM here: main.js turns events into these calls and
// does what `open`/`close` ask; timers are injected so the logic runs under node --test.
//
// - pointer (mouse/pen hover): opens after OPEN_DELAY on the link; closes CLOSE_DELAY after the
//   pointer has left both the link and the popover, so it can travel from one to the other;
// - keyboard focus on a link opens at once, blur closes (after the delay), Escape closes;
// - touch: the first tap on a link opens its popover instead of following it, a second tap on the
//   same link follows it; a tap anywhere else outside the popover closes it.

export const OPEN_DELAY = 200
export const CLOSE_DELAY = 250

export function createController({ open, close, setTimer, clearTimer }) {
  let current = null // the link whose popover is shown
  let timer = null
  let timerFor = null // "open" | "close"

  function cancel() {
    if (timer !== null) clearTimer(timer)
    timer = timerFor = null
  }

  function show(link) {
    cancel()
    if (current === link) return
    if (current !== null) close(current)
    current = link
    open(link)
  }

  function hide() {
    cancel()
    if (current === null) return false
    const link = current
    current = null
    close(link)
    return true
  }

  function later(kind, delay, action) {
    cancel()
    timerFor = kind
    timer = setTimer(() => {
      timer = timerFor = null
      action()
    }, delay)
  }

  return {
    get current() {
      return current
    },
    get pending() {
      return timerFor
    },
    pointerEnterLink(link) {
      if (current === link) return cancel()
      later("open", OPEN_DELAY, () => show(link))
    },
    pointerLeaveLink() {
      if (current === null) return cancel()
      later("close", CLOSE_DELAY, hide)
    },
    pointerEnterPopover() {
      if (timerFor === "close") cancel()
    },
    pointerLeavePopover() {
      if (current !== null) later("close", CLOSE_DELAY, hide)
    },
    focusLink(link) {
      show(link)
    },
    blurLink() {
      if (current !== null) later("close", CLOSE_DELAY, hide)
    },
    escape() {
      return hide()
    },
    // A tap on a term link: true when the tap must not follow the link (it opened the popover).
    tapLink(link) {
      if (current === link) return false
      show(link)
      return true
    },
    tapOutside() {
      hide()
    },
    closeNow() {
      hide()
    },
  }
}
