import { test } from "node:test"
import assert from "node:assert/strict"
import { units, tokenize, stem, normalize, compact, distance, latinTerms } from "../../web/search/text.js"

test("Latin next to Han is split, identifiers stay whole", () => {
  const table = [
    ["LSM树", [["latin", "lsm"], ["han", "树"]]],
    ["pod亲和性", [["latin", "pod"], ["han", "亲和性"]]],
    ["kube-proxy", [["latin", "kube-proxy"]]],
    ["ＱＰＳ", [["latin", "qps"]]],
    ["时钟\u200b回拨", [["han", "时钟回拨"]]],
  ]
  for (const [text, want] of table)
    assert.deepEqual(units(text).map(u => [u.kind, u.text]), want, text)
})

test("terms: Han characters and bigrams, Latin stems, identifiers whole and in parts", () => {
  assert.deepEqual(tokenize("分区"), ["分", "分区", "区"])
  assert.deepEqual(tokenize("Pods"), ["pod"])
  assert.deepEqual(latinTerms("kube-proxy"), ["kube_proxy", "kube", "proxy"])
})

test("plural rule spares words that only end in s", () => {
  assert.equal(stem("queries"), "query")
  assert.equal(stem("https"), "https")
  assert.equal(stem("redis"), "redis")
  assert.equal(stem("class"), "class")
})

test("normalize and compact", () => {
  assert.equal(normalize("ＡＢ\u200bc"), "abc")
  assert.equal(compact(" Kafka  分区 "), "kafka分区")
})

test("edit distance counts a transposition as one", () => {
  assert.equal(distance("ngnix", "nginx", 3), 1)
  assert.equal(distance("kafak", "kafka", 3), 1)
  assert.equal(distance("abc", "xyz", 1), 2)  // stops above the limit
})

test("property: tokenize never throws and returns strings for random text", () => {
  const alphabet = Array.from("时钟回拨 kafka_-.ＡＢ\u200b1２<>&")
  for (let n = 0; n < 500; n++) {
    let s = ""
    for (let i = 0; i < (n % 20); i++)
      s += alphabet[(n * 7 + i * 13) % alphabet.length]
    for (const t of tokenize(s))
      assert.equal(typeof t, "string")
  }
})
