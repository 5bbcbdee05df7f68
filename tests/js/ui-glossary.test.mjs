import assert from "node:assert/strict"
import { test } from "node:test"

import { filterEntries, fold, matches, statusText } from "../../web/ui/glossary-filter.js"

const entry = (spellings, summary) => ({ spellings: spellings.map(fold), summary: fold(summary) })
const ENTRIES = [
  entry(["etcd", "ETCD", "Etcd"], "CNCF 的分布式强一致键值存储"),
  entry(["Pod", "容器组"], "Kubernetes 调度的最小单位"),
  entry(["Raft", "Raft 算法"], "一种共识算法，etcd 用它复制日志"),
  entry(["iptables"], "Linux 的包过滤命令"),
]

test("fold ignores case, full/half width and spacing", () => {
  assert.equal(fold("ＥＴＣＤ"), "etcd")
  assert.equal(fold(" Raft  算法 "), "raft算法")
  assert.equal(fold("Ｐｏｄ（容器组）"), "pod(容器组)")
  assert.equal(fold(undefined), "")
})

test("an entry matches by any spelling or its summary", () => {
  assert.ok(matches(ENTRIES[0], "etcd"))
  assert.ok(matches(ENTRIES[1], fold("容器组")))
  assert.ok(matches(ENTRIES[2], "etcd")) // in the summary
  assert.ok(!matches(ENTRIES[3], "etcd"))
  assert.ok(matches(ENTRIES[3], "")) // empty query: everything
})

test("filterEntries: visibility, count and the status line", () => {
  const cases = [
    ["", [true, true, true, true], "共 4 个术语"],
    ["ETCD", [true, false, true, false], "匹配 2 个术语（共 4 个）"],
    ["ｐｏｄ", [false, true, false, false], "匹配 1 个术语（共 4 个）"],
    ["  ", [true, true, true, true], "共 4 个术语"],
    ["不存在的词", [false, false, false, false], "没有匹配的术语"],
  ]
  for (const [query, visible, status] of cases) {
    const result = filterEntries(ENTRIES, query)
    assert.deepEqual(result.visible, visible, query)
    assert.equal(result.count, visible.filter(Boolean).length, query)
    assert.equal(result.status, status, query)
  }
})

test("statusText for every count: never English, empty says so", () => {
  for (let total = 0; total < 5; total++) {
    for (let count = 0; count <= total; count++) {
      const text = statusText(count, total, "q")
      assert.ok(!/[A-Za-z]/.test(text), text)
      if (count === 0) assert.equal(text, "没有匹配的术语")
      else assert.ok(text.includes(String(count)))
    }
  }
})
