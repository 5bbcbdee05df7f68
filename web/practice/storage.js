// Progress in localStorage: one JSON value under a versioned key.
//   {"format": "kb-practice-progress", "version": 1,
//    "cards": {"<card id>": {"h": "<text digest>", "box": 1-5, "due": ms, "last": 1-3, "n": reviews, "t": ms}}}
// A value that is not JSON, not ours or of another version is ignored with a message (and kept
// under KEY + ".damaged" for the curious); single entries that are not valid are skipped.

export const KEY = "kb.practice.v1"
export const FORMAT = "kb-practice-progress"
export const VERSION = 1

export function emptyProgress() {
  return { format: FORMAT, version: VERSION, cards: {} }
}

function isTime(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0
}

export function validEntry(entry) {
  return !!entry && typeof entry === "object" && !Array.isArray(entry)
    && typeof entry.h === "string" && entry.h.length > 0 && entry.h.length <= 64
    && Number.isInteger(entry.box) && entry.box >= 1 && entry.box <= 5
    && isTime(entry.due) && isTime(entry.t)
    && (entry.last === 1 || entry.last === 2 || entry.last === 3)
    && Number.isInteger(entry.n) && entry.n >= 1
}

function cleanEntry(entry) {
  return { h: entry.h, box: entry.box, due: entry.due, last: entry.last, n: entry.n, t: entry.t }
}

// { progress, error, skipped }: never throws; error is a Chinese message or null.
export function parseProgress(text) {
  if (text === null || text === undefined || text === "")
    return { progress: emptyProgress(), error: null, skipped: 0 }
  let data
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { progress: emptyProgress(), error: "内容不是有效的 JSON，已忽略。", skipped: 0 }
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT)
    return { progress: emptyProgress(), error: "内容不是本站的刷题进度，已忽略。", skipped: 0 }
  if (data.version !== VERSION)
    return { progress: emptyProgress(), error: `进度文件的版本（${String(data.version)}）本站不认识，已忽略。`, skipped: 0 }
  if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards))
    return { progress: emptyProgress(), error: "进度内容缺少题目记录，已忽略。", skipped: 0 }
  const progress = emptyProgress()
  let skipped = 0
  for (const [id, entry] of Object.entries(data.cards)) {
    if (id.length > 0 && id.length <= 100 && validEntry(entry))
      progress.cards[id] = cleanEntry(entry)
    else
      skipped++
  }
  return { progress, error: null, skipped }
}

export function serialize(progress) {
  const cards = {}
  for (const id of Object.keys(progress.cards).sort())
    cards[id] = progress.cards[id]
  return JSON.stringify({ format: FORMAT, version: VERSION, cards })
}

// Import: for each card keep the more recent review (ties keep the local one).
export function mergeProgress(local, incoming) {
  const merged = emptyProgress()
  Object.assign(merged.cards, local.cards)
  for (const [id, entry] of Object.entries(incoming.cards)) {
    const mine = merged.cards[id]
    if (!mine || entry.t > mine.t)
      merged.cards[id] = entry
  }
  return merged
}

// Drop the progress of a card whose question text changed (digest differs from the deck's).
// Entries of cards not in this deck are kept: the question may come back, or be on another build.
export function reconcile(progress, digests) {
  const out = emptyProgress()
  const dropped = []
  for (const [id, entry] of Object.entries(progress.cards)) {
    if (digests.has(id) && digests.get(id) !== entry.h)
      dropped.push(id)
    else
      out.cards[id] = entry
  }
  return { progress: out, dropped }
}

// { progress, error }: reading the browser's storage (which may refuse) never throws.
export function loadProgress(storage) {
  let raw = null
  try {
    raw = storage ? storage.getItem(KEY) : null
  } catch (e) {
    return { progress: emptyProgress(), error: "浏览器不允许读取本地存储，进度不会保存。", skipped: 0 }
  }
  const result = parseProgress(raw)
  if (result.error) {
    result.error = "本地保存的刷题进度无法读取：" + result.error + "重新开始记录。"
    try {
      storage.setItem(KEY + ".damaged", raw)
    } catch (e) { /* nothing more to do */ }
  }
  return result
}

export function saveProgress(storage, progress) {
  try {
    storage.setItem(KEY, serialize(progress))
    return true
  } catch (e) {
    return false
  }
}

export function clearProgress(storage) {
  try {
    storage.removeItem(KEY)
    return true
  } catch (e) {
    return false
  }
}
