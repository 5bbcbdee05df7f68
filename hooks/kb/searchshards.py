"""Search shards: the rewritten search index split so that the browser loads only what a query needs.

Material's search plugin writes every page and section with its whole text
into ``search/search_index.json``; Material's bundle downloads it all before
the first result, so start-up grew with the site. After the hook's rewrite
(``kb.search.rewrite_index``) ``shard_index`` turns that index into:

- a **manifest**, which takes the place of the documents in
  ``search_index.json`` (Material still fetches it and hands it to the
  worker): document count, the number of documents per page, the Latin
  vocabulary (words starting with a letter, for prefixes, typos and
  run-together words), jieba's Han words with their weights (to split query
  runs), synonym groups, and the boundaries of the two kinds of shards;
- **term shards** ``search/kb/t<n>.json``: postings of index terms — Latin
  words and identifiers, Han characters and character bigrams — packed in
  term order, so that the expansions of one prefix sit in one shard. A
  posting is ``[doc id delta, title weight, text weight]`` where the weights
  are the BM25 saturations times 100 (so the browser needs no lengths);
- **document shards** ``search/kb/d<n>.json``: runs of consecutive documents
  (location, title, text, tags, boost), loaded only for the candidates a
  query ranks and shows.

Each shard is also written as ``.js`` calling ``__kbShard(name, data)``, for
the offline copy opened from ``file://``, where browsers refuse ``fetch``.

The tokenising rules are those of ``web/search/text.js``; the browser test
``tests/test_search_shards.py`` checks that both sides cut the same terms.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.htmlwalk import VOID_ELEMENTS, tokenize

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN = "[0-9A-Za-z\u00c0-\u024f]+"
_COMPOUND = re.compile(f"{_LATIN}(?:[_.\\-]{_LATIN})*")
_WIDE = re.compile("[\u2460-\u24ff\u3000\uff01-\uffef]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"[a-z][a-z0-9+.\-]*://[^\s<>\"']+")
_HAN_WORD = re.compile(f"(?:^|[\u200b\\s])([{HAN}]{{2,}})(?=[\u200b\\s]|$)")
_ALIASES = re.compile(r"<p>别名：([^<]*)</p>")
_VOCAB = re.compile(r"^[a-z][a-z0-9]*$")

NO_STEM = frozenset({"https", "ddos", "jenkins", "kubernetes", "postgres", "cors", "mbps", "gbps"})
K1, B = 1.2, 0.5
TERM_SHARD_BYTES = 16_000  # raw JSON per term shard, about 5 KB gzip
DOC_SHARD_BYTES = 16_000  # raw JSON per document shard (a long section may make one larger)


# ---------------------------------------------------------------------------
# The tokenising rules of web/search/text.js


def normalize(value: str) -> str:
    if _WIDE.search(value):
        value = unicodedata.normalize("NFKC", value)
    return value.replace("\u200b", "").lower()


def plain(markup: str) -> str:
    text = _TAG.sub(" ", markup)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return text.replace("&#x27;", "'").replace("&#39;", "'").replace("&amp;", "&")


def stem(word: str) -> str:
    if not re.fullmatch("[a-z]+", word) or len(word) < 4 or word in NO_STEM:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not re.search("(ss|us|is)$", word):
        return word[:-1]
    return word


def latin_terms(word: str) -> list[str]:
    parts = [p for p in re.split(r"[_.\-]", word) if p]
    if len(parts) == 1:
        return [stem(word)]
    return ["_".join(parts), *map(stem, parts)]


def each_latin(text: str) -> Iterable[tuple[str, str]]:
    """(index term, word as written) for the Latin words of normalised text."""
    for m in _COMPOUND.finditer(text):
        for term in latin_terms(m.group(0)):
            yield term, m.group(0)


def han_counts(compacted: str) -> Counter:
    """Occurrences of each Han character and Han bigram (overlapping) in whitespace-free text."""
    out: Counter = Counter()
    prev = False
    for i, ch in enumerate(compacted):
        if _HAN_CHAR.match(ch):
            out[ch] += 1
            if prev:
                out[compacted[i - 1 : i + 1]] += 1
            prev = True
        else:
            prev = False
    return out


def unit_key(name: str) -> str | None:
    """The query unit a name is typed as, if it is one unit (a Han run, a Latin word or identifier)."""
    found = re.findall(f"[{HAN}]+|{_COMPOUND.pattern}", normalize(name))
    return found[0] if len(found) == 1 else None


def synonym_map(groups: Iterable[list[str]]) -> dict[str, list[str]]:
    """Name (as a query unit) -> the other names of its group, as web/search/index.js looks them up."""
    out: dict[str, list[str]] = {}
    for group in groups:
        names = list(dict.fromkeys(normalize(html.unescape(n)).strip() for n in group if n.strip()))
        for name in names:
            key = unit_key(name)
            if key is None:
                continue
            others = out.setdefault(key, [])
            for other in names:
                alt = unit_key(other) or other
                if alt != key and alt not in others:
                    others.append(alt)
    return {k: v for k, v in out.items() if v}


def bm25(tf: int, length: int, avg: float) -> float:
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg)) if tf else 0.0


# ---------------------------------------------------------------------------
# What a result shows


def top_blocks(markup: str) -> list[str]:
    """Top-level blocks of an index entry's text: elements, and runs of bare text between them."""
    out: list[str] = []
    depth, current = 0, []
    for token in tokenize(markup):
        if token.kind == "start" and token.tag not in VOID_ELEMENTS:
            if depth == 0 and "".join(current).strip():
                out.append("".join(current))
                current = []
            elif depth == 0:
                current = []
            depth += 1
            current.append(token.raw)
        elif token.kind == "end" and depth > 0:
            current.append(token.raw)
            depth -= 1
            if depth == 0:
                out.append("".join(current))
                current = []
        else:
            current.append(token.raw)
    if "".join(current).strip():
        out.append("".join(current))
    return out


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text.replace("\u200b", ""))


def split_display(markup: str, corrections: Iterable[str] = ()) -> tuple[str, str]:
    """(text shown in results, plain text kept only for matching) of an index entry.

    Kept out of what is shown: the 「别名：…」 line the hook adds, and the blocks of
    correction boxes (`corrections`: their texts, from ``kb.search.correction_texts``).
    """
    squeezed = [_squeeze(c) for c in corrections]
    shown, hidden = [], []
    for block in top_blocks(markup):
        text = _squeeze(plain(block))
        if block.startswith("<p>别名：") or (len(text) >= 2 and any(text in c for c in squeezed)):
            hidden.append(plain(block).replace("\u200b", "").strip())
        else:
            shown.append(block)
    return " ".join(b.strip() for b in shown), " ".join(hidden)


# ---------------------------------------------------------------------------
# Sharding


@dataclass
class Shards:
    manifest: dict[str, Any]
    files: dict[str, Any] = field(default_factory=dict)  # shard name -> JSON data


def _json_size(key: str, value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()) + len(key.encode()) + 4


def _postings_size(key: str, value: list[int]) -> int:
    """About the JSON size of a posting list (small numbers: ~3.5 bytes each), without serializing it."""
    return 7 * len(value) // 2 + len(key.encode()) + 4


def _pack(items: list[tuple[str, Any]], limit: int, whole=None, measure=_json_size) -> list[list[tuple[str, Any]]]:
    """Consecutive items grouped until a group's JSON reaches `limit` bytes.

    With `whole` (item -> group key), a group is cut only where the key changes if it can be:
    a page's documents stay together unless the page alone is over the limit.
    """
    groups: list[list[tuple[str, Any]]] = [[]]
    size = 0
    sizes = [measure(k, v) for k, v in items]
    unit_size: Counter = Counter()
    if whole:
        for (_, v), n in zip(items, sizes, strict=True):
            unit_size[whole(v)] += n
    for i, ((key, value), n) in enumerate(zip(items, sizes, strict=True)):
        starts_unit = whole is not None and (i == 0 or whole(items[i - 1][1]) != whole(value))
        if whole is not None and groups[-1] and starts_unit and size + unit_size[whole(value)] > limit:
            groups.append([])
            size = 0
        elif groups[-1] and size + n > limit and (whole is None or unit_size[whole(value)] > limit):
            groups.append([])
            size = 0
        groups[-1].append((key, value))
        size += n
    return groups


def pinyin_table(extra_chars: Iterable[str] = ()) -> dict[str, str]:
    """Toneless pinyin syllable -> the characters read so (all readings of polyphonic ones).

    The 3,755 common characters (GB 2312 level 1) and `extra_chars`: what a pinyin IME
    offers a reader, and every character of the site's words.
    """
    from pypinyin import Style, pinyin  # imported here: only the build needs it

    common = [bytes([a, b]).decode("gb2312") for a in range(0xB0, 0xD8) for b in range(0xA1, 0xFF)
              if not (a == 0xD7 and b > 0xF9)]
    chars = sorted(set(common) | {c for c in extra_chars if _HAN_CHAR.match(c)})
    by_sound: dict[str, list[str]] = {}
    for ch in chars:
        for syllable in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]:
            if re.fullmatch("[a-z]+", syllable):
                by_sound.setdefault(syllable, []).append(ch)
    return {s: "".join(cs) for s, cs in sorted(by_sound.items())}


def shard_index(
    data: dict[str, Any],
    corrections: dict[str, list[str]] | None = None,
    colloquial: dict[str, list[str]] | None = None,
) -> Shards:
    """The manifest and the shards of a (rewritten) index in Material's schema.

    `corrections`: page URL -> texts of its correction blocks, kept out of snippets.
    `colloquial`: the site's word -> names readers use for it (docs/about/synonyms.yml).
    """
    corrections = corrections or {}
    colloquial = colloquial or {}
    docs = data["docs"]
    pages: list[int] = []
    page_of: dict[str, int] = {}
    fields = []  # per doc: (title terms Counter, text terms Counter)
    words: Counter = Counter()
    han_words: Counter = Counter()
    synonyms: list[list[str]] = []
    for doc in docs:
        path, _, anchor = doc["location"].partition("#")
        is_article = path not in page_of
        if is_article:
            page_of[path] = len(pages)
            pages.append(0)
        pages[page_of[path]] += 1
        title, text = doc.get("title") or "", doc.get("text") or ""
        tags = " ".join(doc["tags"]) if isinstance(doc.get("tags"), list) else ""
        p_title, p_text, p_tags = normalize(plain(title)), normalize(plain(text)), normalize(tags)
        t_counts: Counter = Counter()
        x_counts: Counter = Counter()
        t_counts.update(han_counts(_SPACE.sub("", p_title)))
        t_counts.update(han_counts(_SPACE.sub("", p_tags)))
        x_counts.update(han_counts(_SPACE.sub("", p_text)))
        t_counts.update(t for t, _ in each_latin(f"{p_title} {p_tags} {normalize(anchor)}"))
        for term, word in each_latin(_URL.sub(" ", p_text)):
            x_counts[term] += 1
            if term == stem(word) or "_" in term:  # count each written word once
                words[word] += 1
        len_title = len(_SPACE.sub("", p_title)) + len(_SPACE.sub("", p_tags))
        len_text = len(_SPACE.sub("", p_text))
        fields.append((t_counts, x_counts, len_title, len_text))
        names = _ALIASES.search(text)
        if names:
            synonyms.append([html.unescape(n) for n in names.group(1).split("、")])
        for source in (title, text):
            for m in _HAN_WORD.finditer(source):
                han_words[m.group(1)] += 3 if is_article else 2
    n = max(1, len(docs))
    avg_title = max(1.0, sum(f[2] for f in fields) / n)
    avg_text = max(1.0, sum(f[3] for f in fields) / n)

    postings: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for doc_id, (t_counts, x_counts, len_title, len_text) in enumerate(fields):
        for term in t_counts.keys() | x_counts.keys():
            st = round(100 * bm25(t_counts.get(term, 0), len_title, avg_title))
            sx = round(100 * bm25(x_counts.get(term, 0), len_text, avg_text))
            st = max(st, 1) if t_counts.get(term) else 0  # a title hit stays a title hit
            sx = max(sx, 1) if x_counts.get(term) else 0
            postings.setdefault(term, []).extend((doc_id - last.get(term, 0), st, sx))
            last[term] = doc_id

    out = Shards(manifest={})
    term_groups = _pack(sorted(postings.items()), TERM_SHARD_BYTES, measure=_postings_size)
    for i, group in enumerate(term_groups):
        out.files[f"t{i}"] = dict(group)
    doc_rows = []
    for i, d in enumerate(docs):
        shown, hidden = split_display(d.get("text") or "", corrections.get(d["location"].partition("#")[0], ()))
        row = [d["location"], d.get("title") or "", shown, d.get("tags"), d.get("boost")]
        if hidden:
            row.append(hidden)
        doc_rows.append((str(i), row))
    doc_groups = _pack(doc_rows, DOC_SHARD_BYTES, whole=lambda row: row[0].partition("#")[0])
    starts, at = [], 0
    for i, group in enumerate(doc_groups):
        out.files[f"d{i}"] = [row for _, row in group]
        starts.append(at)
        at += len(group)
    vocabulary = sorted(t for t in postings if _VOCAB.match(t))
    # A name no page uses is replaced by the site's word in the query (nothing is lost); a name
    # some page uses stands beside it, like a term's aliases.
    corpus = _SPACE.sub("", normalize(" ".join(f"{plain(d.get('title') or '')} {plain(d.get('text') or '')}"
                                               for d in docs)))
    rewrites = sorted({(key, canonical) for canonical, names in colloquial.items()
                       for key in (_SPACE.sub("", normalize(n)) for n in names) if key and key not in corpus})
    synonyms += [[canonical, *names] for canonical, names in sorted(colloquial.items())]
    # Each name's other names go into the term shard its key sorts into (under ""), so that
    # start-up does not grow with the glossary; the engine loads that shard for a query word.
    keys = [group[0][0] for group in term_groups if group]
    for name, others in synonym_map(synonyms).items():
        shard = out.files[f"t{max(0, bisect.bisect_right(keys, name) - 1)}"] if keys else None
        if shard is not None:
            shard.setdefault("", {})[name] = others
    out.manifest = {
        "version": 1,
        "docs": len(docs),
        "pages": pages,
        "vocabulary": vocabulary,
        "words": {w: c for w, c in sorted(words.items()) if _VOCAB.match(w) or c > 1},
        "han": dict(sorted(han_words.items())),
        "names": sorted({k for k in synonym_map([[c, *n] for c, n in colloquial.items()]) if _HAN_CHAR.match(k)}),
        "rewrites": [list(r) for r in rewrites],
        "pinyin": pinyin_table("".join(han_words)),
        "terms": keys,
        "chunks": starts,
    }
    digest = hashlib.sha256(json.dumps(out.manifest, ensure_ascii=False).encode())
    for name in sorted(out.files):
        digest.update(name.encode() + json.dumps(out.files[name], ensure_ascii=False).encode())
    out.manifest["build"] = digest.hexdigest()[:10]
    return out


def shard_script(name: str, data: Any) -> str:
    """A shard as a classic script, for file:// where fetch is refused."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"__kbShard({json.dumps(name)},{body});\n"


def write_shards(
    index_text: str,
    folder: Path,
    corrections: dict[str, list[str]] | None = None,
    colloquial: dict[str, list[str]] | None = None,
) -> str:
    """Write the shards of a rewritten index into `folder`; return the new search_index.json text.

    The returned index keeps Material's schema with no documents; the manifest
    is ``config.kb`` (Material hands ``config`` and ``docs`` to the worker).
    """
    data = json.loads(index_text)
    shards = shard_index(data, corrections, colloquial)
    if folder.exists():
        shutil.rmtree(folder)  # shards of the last build under `mkdocs serve`
    folder.mkdir(parents=True)
    for name, content in shards.files.items():
        (folder / f"{name}.json").write_text(
            json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (folder / f"{name}.js").write_text(shard_script(name, content), encoding="utf-8")
    config = {**data["config"], "kb": shards.manifest}
    return json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))


def read_documents(search_dir: Path) -> list[dict[str, Any]]:
    """The documents of a built site's search index, from the shards if it is sharded (tests, benchmarks)."""
    data = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
    manifest = data["config"].get("kb")
    if not manifest:
        return data["docs"]
    docs = []
    for i in range(len(manifest["chunks"])):
        rows = json.loads((search_dir / "kb" / f"d{i}.json").read_text(encoding="utf-8"))
        for location, title, text, tags, boost, *hidden in rows:
            doc = {"location": location, "title": title, "text": text}
            if hidden:
                doc["hidden"] = hidden[0]
            if tags is not None:
                doc["tags"] = tags
            if boost is not None:
                doc["boost"] = boost
            docs.append(doc)
    return docs
