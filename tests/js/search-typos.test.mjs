import { test } from "node:test"
import assert from "node:assert/strict"
import { fuzzy, keysOf, soundIndex, correctRun } from "../../web/search/typos.js"

const readings = new Map(Object.entries({
  幂: ["mi"], 等: ["deng"], 性: ["xing"], 型: ["xing"], 一: ["yi"], 致: ["zhi"], 直: ["zhi"],
  哈: ["ha"], 希: ["xi"], 脑: ["nao"], 裂: ["lie"], 列: ["lie"], 软: ["ruan"], 链: ["lian"],
  连: ["lian"], 接: ["jie"], 行: ["xing", "hang"], 磁: ["ci"], 盘: ["pan"], 满: ["man"], 精: ["jing"],
  惊: ["jing"], 群: ["qun"], 老: ["lao"]
}))
const words = [["幂等性", 5], ["一致性", 9], ["哈希", 4], ["脑裂", 3], ["软链接", 2], ["连接", 7], ["惊群", 2]]
const sounds = soundIndex(words, readings)
const known = w => words.some(([x]) => x === w)
const text = "幂等性 一致性哈希 脑裂问题 软链接 连接 惊群 磁盘"
const seen = pair => text.includes(pair)

test("fuzzy initials and finals", () => {
  assert.equal(fuzzy("zhi"), "zi")
  assert.equal(fuzzy("xing"), "xin")
  assert.equal(fuzzy("lie"), "nie")
})

test("keys cover every reading of a polyphonic character", () => {
  assert.deepEqual(keysOf("行", readings).sort(), ["han", "xin"])
  assert.deepEqual(keysOf("未知", readings), [])
})

test("homophone typos inside the topic word are corrected", () => {
  const table = [
    ["幂等型", "幂等性"], ["一直性哈希", "一致性哈希"], ["脑列", "脑裂"], ["软连接", "软链接"],
    ["精群", "惊群"], ["老裂", "脑裂"],  // l/n: a near-homophone
  ]
  for (const [typed, meant] of table)
    assert.equal(correctRun(typed, readings, sounds, known, seen), meant, typed)
})

test("words the site contains, or stretches without a sound-alike, stay", () => {
  for (const run of ["连接", "磁盘满", "幂等性", "哈希"])
    assert.equal(correctRun(run, readings, sounds, known, seen), run, run)
})
