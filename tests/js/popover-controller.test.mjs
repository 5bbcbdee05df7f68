import { test } from "node:test"
import assert from "node:assert/strict"
import { CLOSE_DELAY, OPEN_DELAY, createController } from "../../web/popover/controller.js"

// A fake clock: timers run when the test advances time.
function harness() {
  let now = 0
  let timers = []
  let nextId = 1
  const log = []
  const controller = createController({
    open: (link) => log.push(["open", link]),
    close: (link) => log.push(["close", link]),
    setTimer: (fn, ms) => {
      const id = nextId++
      timers.push({ id, at: now + ms, fn })
      return id
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id)
    },
  })
  function advance(ms) {
    const until = now + ms
    for (;;) {
      timers.sort((a, b) => a.at - b.at)
      const due = timers[0]
      if (!due || due.at > until) break
      timers.shift()
      now = due.at
      due.fn()
    }
    now = until
  }
  return { controller, log, advance }
}

test("hover opens after the delay, not before", () => {
  const { controller, log, advance } = harness()
  controller.pointerEnterLink("a")
  advance(OPEN_DELAY - 1)
  assert.deepEqual(log, [])
  advance(1)
  assert.deepEqual(log, [["open", "a"]])
  assert.equal(controller.current, "a")
})

test("passing over a link quickly opens nothing", () => {
  const { controller, log, advance } = harness()
  controller.pointerEnterLink("a")
  advance(OPEN_DELAY / 2)
  controller.pointerLeaveLink()
  advance(1000)
  assert.deepEqual(log, [])
})

test("stays open while the pointer travels from the link onto the popover", () => {
  const { controller, log, advance } = harness()
  controller.pointerEnterLink("a")
  advance(OPEN_DELAY)
  controller.pointerLeaveLink()
  advance(CLOSE_DELAY - 50)
  controller.pointerEnterPopover()
  advance(5000)
  assert.equal(controller.current, "a")
  controller.pointerLeavePopover()
  advance(CLOSE_DELAY)
  assert.deepEqual(log, [["open", "a"], ["close", "a"]])
  assert.equal(controller.current, null)
})

test("moving to another link switches popovers", () => {
  const { controller, log, advance } = harness()
  controller.pointerEnterLink("a")
  advance(OPEN_DELAY)
  controller.pointerLeaveLink()
  controller.pointerEnterLink("b")
  advance(OPEN_DELAY)
  assert.deepEqual(log, [["open", "a"], ["close", "a"], ["open", "b"]])
})

test("keyboard: focus opens at once, Escape closes, blur closes after the delay", () => {
  const { controller, log, advance } = harness()
  controller.focusLink("a")
  assert.deepEqual(log, [["open", "a"]])
  assert.equal(controller.escape(), true)
  assert.equal(controller.escape(), false)
  controller.focusLink("b")
  controller.blurLink()
  advance(CLOSE_DELAY)
  assert.deepEqual(log, [["open", "a"], ["close", "a"], ["open", "b"], ["close", "b"]])
})

test("touch: first tap opens, second tap on the same link follows it, a tap elsewhere closes", () => {
  const { controller, log } = harness()
  assert.equal(controller.tapLink("a"), true)
  assert.equal(controller.tapLink("a"), false)
  assert.equal(controller.tapLink("b"), true)
  controller.tapOutside()
  assert.deepEqual(log, [["open", "a"], ["close", "a"], ["open", "b"], ["close", "b"]])
  assert.equal(controller.current, null)
})

test("random event sequences: open/close alternate per link and at most one popover is open", () => {
  let seed = 3
  const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
  for (let round = 0; round < 300; round++) {
    const { controller, log, advance } = harness()
    for (let step = 0; step < 40; step++) {
      const link = ["a", "b", "c"][rnd(3)]
      const actions = [
        () => controller.pointerEnterLink(link),
        () => controller.pointerLeaveLink(),
        () => controller.pointerEnterPopover(),
        () => controller.pointerLeavePopover(),
        () => controller.focusLink(link),
        () => controller.blurLink(),
        () => controller.escape(),
        () => controller.tapLink(link),
        () => controller.tapOutside(),
        () => advance(rnd(400)),
      ]
      actions[rnd(actions.length)]()
    }
    let open = null
    for (const [kind, link] of log) {
      if (kind === "open") {
        assert.equal(open, null)
        open = link
      } else {
        assert.equal(open, link)
        open = null
      }
    }
    assert.equal(open, controller.current)
  }
})
