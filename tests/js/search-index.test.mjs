import { test } from "node:test"
import assert from "node:assert/strict"
import { Index, decode, floor } from "../../web/search/index.js"
import { search } from "../../web/search/score.js"

test("floor finds the shard a key sorts into", () => {
  assert.equal(floor(["a", "k", "s"], "b"), 0)
  assert.equal(floor(["a", "k", "s"], "k"), 1)
  assert.equal(floor(["a", "k", "s"], "zz"), 2)
  assert.equal(floor(["b"], "a"), 0)
})

test("postings are stored as deltas and weights × 100", () => {
  const list = decode([2, 150, 0, 3, 0, 75])
  assert.equal(list.n, 2)
  assert.deepEqual([...list.ids], [2, 5])
  assert.deepEqual([...list.title], [150, 0])
  assert.deepEqual([...list.text], [0, 75])
})

/* A two-page index as hooks/kb/searchshards.py writes it (by hand, small) */
const manifest = {
  docs: 4, pages: [2, 2], vocabulary: ["kafka"], words: { kafka: 2 }, han: { 分区: 3, 一致性: 2 },
  names: [], rewrites: [["卡夫卡", "kafka"]], pinyin: { yi: "一", zhi: "致直", xing: "性" },
  terms: ["", "一"], chunks: [0], build: "x",  // Latin sorts before Han
}
const files = {
  t0: { kafka: [0, 120, 0, 1, 0, 90] },
  t1: {
    "": { 分区: ["partition"] }, 分: [0, 100, 0, 1, 0, 100], 区: [0, 100, 0, 1, 0, 100],
    分区: [0, 100, 0, 1, 0, 100], 一: [2, 0, 100], 致: [2, 0, 100], 性: [2, 0, 100], 一致: [2, 0, 100], 致性: [2, 0, 100],
    一直: [3, 0, 50], 直: [3, 0, 50],
  },
  d0: [
    ["mq/kafka/", "Kafka 分区", "<p>Kafka 的分区。</p>", ["消息队列"], null],
    ["mq/kafka/#partition", "分区", "<p>主题被拆成多个分区。</p>", null, null, "别名：分区、partition"],
    ["d/cap/", "一致性", "<p>强一致性与最终一致性。</p>", null, null],
    ["d/cap/#x", "其他", "<p>一直这样。</p>", null, null],
  ],
}
const load = name => Promise.resolve(files[name])

test("the index loads only the shards a query needs", async () => {
  const asked = []
  const index = new Index(manifest, name => { asked.push(name); return load(name) }, {})
  const { items } = await search(index, "kafka分区")
  assert.ok(items[0].every(i => i.location.startsWith("mq/kafka/")))
  assert.ok(asked.includes("t0") && asked.includes("t1") && asked.includes("d0"))
  assert.equal(items[0].filter(i => i.tags).length, 1)  // tags once per group
})

test("a colloquial name no page uses is rewritten, a homophone typo corrected", async () => {
  const index = new Index(manifest, load, {})
  await index.needTerms(["卡", "卡夫", "一直", "直性", "一", "直", "性"])
  assert.equal(index.understand("卡夫卡"), " kafka ")
  assert.equal(index.understand("一直性"), "一致性")
  const { items } = await search(index, "一直性")
  assert.ok(items[0].every(i => i.location.startsWith("d/cap/")))
})

/* 30 one-section pages, each in its own document shard, all about kafka */
function widespread(pages) {
  const postings = []
  for (let i = 0; i < pages; i++)
    postings.push(i === 0 ? 0 : 1, 0, 100 - i)  // doc delta, title, text: earlier pages rank higher
  const files = { t0: { kafka: postings } }
  for (let i = 0; i < pages; i++)
    files[`d${i}`] = [[`p${i}/`, `页面 ${i}`, "<p>kafka</p>", null, null]]
  const manifest = {
    docs: pages, pages: Array(pages).fill(1), vocabulary: ["kafka"], words: {}, han: {}, names: [], rewrites: [],
    pinyin: {}, terms: [""], chunks: [...Array(pages).keys()], build: "x",
  }
  return { manifest, files }
}

test("a query fetches the document shards of its best candidates only", async () => {
  const { manifest, files } = widespread(30)
  const asked = []
  const index = new Index(manifest, name => { asked.push(name); return Promise.resolve(files[name]) }, {})
  const { items } = await search(index, "kafka ")
  const docShards = asked.filter(n => n.startsWith("d"))
  assert.ok(docShards.length <= 8, `${docShards.length} document shards`)
  assert.deepEqual(items.slice(0, 3).map(g => g[0].location), ["p0/", "p1/", "p2/"])
  /* candidates whose shards are loaded already join the exact scoring: a second query finds more */
  await index.needDocs([20, 21, 22])
  const again = await search(index, "kafka ")
  assert.ok(again.items.length > items.length)
})

test("Material's SETUP names the manifest shard; the engine loads it, then answers", async () => {
  const { handle } = await import("../../web/search/main.js")
  const asked = []
  const shards = { ...files, m: manifest }
  const loader = name => { asked.push(name); return Promise.resolve(shards[name]) }
  const ready = await handle({ type: 0, data: { config: { kb: { version: 2, manifest: "m", build: "x" } }, docs: [], options: {} } }, loader)
  assert.deepEqual(ready, { type: 1 })
  assert.equal(asked[0], "m")
  const reply = await handle({ type: 2, data: "kafka分区" })
  assert.ok(reply.data.items[0].every(i => i.location.startsWith("mq/kafka/")))
  /* the same build again (the worker started on its own first): the manifest is not loaded twice */
  await handle({ type: 0, data: { config: { kb: { version: 2, manifest: "m", build: "x" } }, docs: [], options: {} } }, loader)
  assert.equal(asked.filter(n => n === "m").length, 1)
})

test("a capped posting list keeps its rarity: idf counts every document the term is in", async () => {
  const shard = { kafka: [0, 0, 100, 1, 0, 100], "#": { kafka: 3 } }
  const capped = new Index({ ...manifest, docs: 4 }, name => Promise.resolve(name === "t0" ? shard : files[name]), {})
  const whole = new Index({ ...manifest, docs: 4 }, name => Promise.resolve(name === "t0" ? { kafka: [0, 0, 100, 1, 0, 100, 1, 0, 100] } : files[name]), {})
  await capped.needTerms(["kafka"])
  await whole.needTerms(["kafka"])
  assert.equal(capped.list("kafka").n, 2)
  assert.equal(capped.idf("kafka"), whole.idf("kafka"))
})

test("candidates come along while their document shards fit in the request budget", () => {
  const m = { ...manifest, docs: 30, pages: Array(30).fill(1), chunks: [0, 10, 20] }
  const index = new Index(m, () => Promise.resolve([]), {})
  assert.deepEqual(index.affordable([0, 15, 25, 1, 2, 16], 1, 2), [0, 15, 1, 2, 16])
  assert.deepEqual(index.affordable([25, 0, 15], 2, 1), [25, 0])  // the first ones always
})
