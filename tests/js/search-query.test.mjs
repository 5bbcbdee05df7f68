import { test } from "node:test"
import assert from "node:assert/strict"
import { segmentHan, breakLatin, analyze } from "../../web/search/query.js"

test("Han runs are split into known words, joiners dropped", () => {
  const known = w => ["进程", "线程", "区别"].includes(w)
  assert.deepEqual(segmentHan("进程和线程区别", known), ["进程", "线程", "区别"])
  assert.deepEqual(segmentHan("时钟回拨", () => false), ["时钟回拨"])
})

test("run-together Latin words are broken into known ones, typos are not", () => {
  const known = t => ["fencing", "token", "redis"].includes(t)
  assert.deepEqual(breakLatin("fencingtoken", known), ["fencing", "token"])
  assert.equal(breakLatin("redsi", known, null, w => w === "redsi"), null)
})

test("analyze: units with weights and phrases", () => {
  const { units, phrases } = analyze("kafka分区", t => t === "kafka", w => w === "分区")
  assert.deepEqual(units.map(u => [u.kind, u.key]), [["latin", "kafka"], ["han", "分区"]])
  assert.ok(phrases.includes("kafka分区"))
})
