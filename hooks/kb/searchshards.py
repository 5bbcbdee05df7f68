"""Search shards: the rewritten search index split so that the browser loads only what a query needs.

Material's search plugin writes every page and section with its whole text
into ``search/search_index.json``; Material's bundle downloads it all before
the first result, so start-up grew with the site. After the hook's rewrite
(``kb.search.rewrite_index``) ``shard_index`` turns that index into:

- a **manifest**, the shard ``m``, which the engine's worker fetches as soon
  as it starts (``search_index.json``, which Material still fetches and
  hands to the worker, keeps no documents and only names it): document
  count, the number of documents per page, the Latin vocabulary (words starting with a letter, for prefixes, typos and
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
import operator
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.htmlwalk import VOID_ELEMENTS, tokenize

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")
_LATIN = "[0-9A-Za-z\u00c0-\u024f]+"
_COMPOUND = re.compile(f"{_LATIN}(?:[_.\\-]{_LATIN})*")
_WIDE = re.compile("[\u2460-\u24ff\u3000\uff01-\uffef]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"[a-z][a-z0-9+.\-]*://[^\s<>\"']+")
_HAN_WORD = re.compile(f"(?:^|[\u200b\\s])([{HAN}]{{2,}})(?=[\u200b\\s]|$)")
_ALIASES = re.compile(r"<p>别名：([^<]*)</p>")
_VOCAB = re.compile(r"^[a-z][a-z0-9]*$")
_SYLLABLE = re.compile("[a-z]+")

# 2: the manifest is the shard "m" (search/kb/m.json), which the engine's worker fetches as soon as it
# starts; search/search_index.json, which Material's page fetches, only names its build.
# 3: capped posting lists, their document counts under "#" in the term shard.
MANIFEST_VERSION = 3
MANIFEST = "m"
NO_STEM = frozenset({"https", "ddos", "jenkins", "kubernetes", "postgres", "cors", "mbps", "gbps"})
K1, B = 1.2, 0.5
# Postings kept per term (the best: see cap_postings); the real site's terms are in fewer documents
POSTINGS_CAP = 2000
TERM_SHARD_BYTES = 16_000  # raw JSON per term shard, about 5 KB gzip
DOC_SHARD_BYTES = 16_000  # raw JSON per document shard (a long section may make one larger)


# ---------------------------------------------------------------------------
# The tokenising rules of web/search/text.js


# The full-width punctuation of Chinese prose and what NFKC makes of it. Replacing a character by
# its NFKC form does not change a string's NFKC form, and prose has no other full-width characters
# as a rule: NFKC over the whole text (most of the tokenising time) is then left out.
_COMMON_WIDE = [(c, unicodedata.normalize("NFKC", c)) for c in "，：（）；？！"]


def normalize(value: str) -> str:
    """As web/search/text.js: NFKC if the text has full-width forms, no zero-width spaces, lower case."""
    if _WIDE.search(value):
        for wide, narrow in _COMMON_WIDE:
            value = value.replace(wide, narrow)
        if _WIDE.search(value) or not unicodedata.is_normalized("NFKC", value):
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
    runs = _HAN_RUN.findall(compacted)
    out = Counter("".join(runs))
    out.update([pair for run in runs for pair in map(operator.add, run, run[1:])])
    return out


_TERMS_OF: dict[str, tuple[str, ...]] = {}


def _terms_of(word: str) -> tuple[str, ...]:
    """latin_terms, remembered: a site writes the same few thousand words again and again."""
    found = _TERMS_OF.get(word)
    if found is None:
        found = _TERMS_OF[word] = tuple(latin_terms(word))
    return found


def _latin_counts(text: str, counts: Counter, words: Counter | None = None) -> None:
    """Add the index terms of the Latin words of normalised `text` to `counts` (and each word as written to `words`)."""
    written = Counter(_COMPOUND.findall(text))
    if words is not None:
        words.update(written)
    for word, n in written.items():
        for term in _terms_of(word):
            counts[term] += n


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
    Only an entry that may hold either is parsed into blocks: the alias line
    ``kb.search.rewrite_index`` appends is cut off its end, a correction box
    starts with 「勘误」.
    """
    tail = ""
    at = markup.rfind("<p>别名：")
    if at != -1 and markup.endswith("</p>") and "<" not in markup[at + 3 : -4]:
        tail = plain(markup[at:]).replace("\u200b", "").strip()
        markup = markup[:at]
    if "<p>别名：" not in markup and not (corrections and "勘误" in markup):
        return markup.strip(), tail
    squeezed = [_squeeze(c) for c in corrections]
    shown, hidden = [], []
    for block in top_blocks(markup):
        text = _squeeze(plain(block))
        if block.startswith("<p>别名：") or (len(text) >= 2 and any(text in c for c in squeezed)):
            hidden.append(plain(block).replace("\u200b", "").strip())
        else:
            shown.append(block)
    if tail:
        hidden.append(tail)
    return " ".join(b.strip() for b in shown), " ".join(hidden)


# ---------------------------------------------------------------------------
# Sharding


@dataclass
class Shards:
    manifest: dict[str, Any]
    files: dict[str, Any] = field(default_factory=dict)  # shard name -> JSON data
    texts: dict[str, str] = field(default_factory=dict)  # shard name -> its JSON text, encoded once


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_size(key: str, value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()) + len(key.encode()) + 4


def _row_size(key: str, row: list[Any]) -> int:
    """About the JSON size of a document row (its strings' UTF-8 and the escapes of quotes and newlines)."""
    size = 16
    for value in row:
        if isinstance(value, str):
            size += len(value.encode()) + value.count('"') + value.count("\\") + value.count("\n") + 3
        elif isinstance(value, list):
            size += sum(len(v.encode()) + 3 for v in value)
    return size


def _postings_size(key: str, value: list[int]) -> int:
    """About the JSON size of a posting list (small numbers: ~3.5 bytes each), without serializing it."""
    return 7 * len(value) // 2 + (len(key) if key.isascii() else len(key.encode())) + 4


def _pack(items: list[tuple[str, Any]], limit: int, whole=None, measure=_json_size) -> list[list[tuple[str, Any]]]:
    """Consecutive items grouped until a group's JSON reaches `limit` bytes.

    With `whole` (item -> group key), a group is cut only where the key changes if it can be:
    a page's documents stay together unless the page alone is over the limit.
    """
    groups: list[list[tuple[str, Any]]] = [[]]
    size = 0
    sizes = [measure(k, v) for k, v in items]
    if whole is None:
        group = groups[0]
        for item, n in zip(items, sizes, strict=True):
            if group and size + n > limit:
                group = []
                groups.append(group)
                size = 0
            group.append(item)
            size += n
        return groups
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


_TONELESS: dict[str, str] = {}


def _toneless(reading: str) -> str:
    """A pinyin reading with tone marks (「lǜ」) as pypinyin's Style.NORMAL writes it (「lv」)."""
    found = _TONELESS.get(reading)
    if found is None:
        decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
        found = _TONELESS[reading] = "".join(c for c in decomposed if not unicodedata.combining(c))
    return found


def pinyin_table(extra_chars: Iterable[str] = ()) -> dict[str, str]:
    """Toneless pinyin syllable -> the characters read so (all readings of polyphonic ones).

    The 3,755 common characters (GB 2312 level 1) and `extra_chars`: what a pinyin IME
    offers a reader, and every character of the site's words. The readings are pypinyin's
    table of single characters, read directly: its ``pinyin()`` per character cost most of
    the sharding time, for the same result (``tests/test_search_shards.py`` compares them).
    """
    from pypinyin.pinyin_dict import pinyin_dict  # imported here: only the build needs it

    common = [bytes([a, b]).decode("gb2312") for a in range(0xB0, 0xD8) for b in range(0xA1, 0xFF)
              if not (a == 0xD7 and b > 0xF9)]
    chars = sorted(set(common) | {c for c in set(extra_chars) if _HAN_CHAR.match(c)})
    by_sound: dict[str, list[str]] = {}
    for ch in chars:
        readings = pinyin_dict.get(ord(ch))
        if not readings:
            continue
        for syllable in dict.fromkeys(_toneless(r) for r in readings.split(",")):
            if _SYLLABLE.fullmatch(syllable):
                by_sound.setdefault(syllable, []).append(ch)
    return {s: "".join(cs) for s, cs in sorted(by_sound.items())}


def cap_postings(stored: list[int], limit: int) -> list[int]:
    """The `limit` postings of a term that weigh most (title hits first), stored as before (by document).

    A term in most documents (「的」, 「数据」 at 100x the pages) would otherwise make every
    query that has it load and score a list of tens of thousands of documents, for a word
    that decides little. Ties go to the earlier document, so the result is deterministic.
    """
    rows, doc = [], 0
    for i in range(0, len(stored), 3):
        doc += stored[i]
        rows.append((doc, stored[i + 1], stored[i + 2]))
    kept = sorted(sorted(rows, key=lambda r: (-(4 * r[1] + r[2]), r[0]))[:limit])
    out, last = [], 0
    for doc, st, sx in kept:
        out += (doc - last, st, sx)
        last = doc
    return out


@dataclass
class DocTerms:
    """What the index takes from one document (a page or section), before any other document is known."""

    title_counts: Counter  # index terms of title, tags and anchor -> occurrences
    text_counts: Counter  # index terms of the text -> occurrences
    title_length: int
    text_length: int
    compact: str  # normalised plain title and text without spaces (colloquial names on no page)
    written: Counter  # Latin words of the text as written -> occurrences (the manifest's "words")
    han_words: list[str]  # jieba's words in title and text (Han runs between its breaks)
    aliases: list[str] | None  # the names of the 「别名：…」 line, if the document has one
    row: list[Any]  # the document's row in its document shard


def doc_terms(doc: dict[str, Any], corrections: Iterable[str] = ()) -> DocTerms:
    """The terms and shard row of one document of a (rewritten) index; `corrections`: its page's correction texts."""
    anchor = doc["location"].partition("#")[2]
    title, text = doc.get("title") or "", doc.get("text") or ""
    tags = " ".join(doc["tags"]) if isinstance(doc.get("tags"), list) else ""
    p_title, p_text, p_tags = normalize(plain(title)), normalize(plain(text)), normalize(tags)
    c_title, c_text, c_tags = _SPACE.sub("", p_title), _SPACE.sub("", p_text), _SPACE.sub("", p_tags)
    t_counts = han_counts(c_title)
    t_counts.update(han_counts(c_tags))
    x_counts = han_counts(c_text)
    written: Counter = Counter()
    _latin_counts(f"{p_title} {p_tags} {normalize(anchor)}", t_counts)
    _latin_counts(_URL.sub(" ", p_text) if "://" in p_text else p_text, x_counts, written)
    aliases = None
    if "别名：" in text:
        names = _ALIASES.search(text)
        if names:
            aliases = [html.unescape(n) for n in names.group(1).split("、")]
    shown, hidden = split_display(text, corrections)
    row = [doc["location"], title, shown, doc.get("tags"), doc.get("boost")]
    if hidden:
        row.append(hidden)
    return DocTerms(t_counts, x_counts, len(c_title) + len(c_tags), len(c_text), c_title + c_text, written,
                    _HAN_WORD.findall(title) + _HAN_WORD.findall(text), aliases, row)


def shard_index(
    data: dict[str, Any],
    corrections: dict[str, list[str]] | None = None,
    colloquial: dict[str, list[str]] | None = None,
    terms_of: Callable[[dict[str, Any], Iterable[str]], DocTerms] = doc_terms,
    previous: Shards | None = None,
) -> Shards:
    """The manifest and the shards of a (rewritten) index in Material's schema.

    `corrections`: page URL -> texts of its correction blocks, kept out of snippets.
    `colloquial`: the site's word -> names readers use for it (docs/about/synonyms.yml).
    `terms_of`: ``doc_terms`` or a memo of it (``mkdocs serve`` keeps unchanged documents' terms).
    `previous`: the last build's shards, whose JSON text is reused for a shard with the same content.
    """
    corrections = corrections or {}
    colloquial = colloquial or {}
    docs = data["docs"]
    pages: list[int] = []
    page_of: dict[str, int] = {}
    fields = []  # per doc: (title terms Counter, text terms Counter, title length, text length)
    plains = []  # per doc: normalised plain title and text, without spaces (colloquial names on no page)
    rows = []
    words: Counter = Counter()
    han_words: Counter = Counter()
    synonyms: list[list[str]] = []
    for doc in docs:
        path = doc["location"].partition("#")[0]
        is_article = path not in page_of
        if is_article:
            page_of[path] = len(pages)
            pages.append(0)
        pages[page_of[path]] += 1
        found = terms_of(doc, corrections.get(path, ()))
        fields.append((found.title_counts, found.text_counts, found.title_length, found.text_length))
        plains.append(found.compact)
        rows.append(found.row)
        words.update(found.written)
        if found.aliases:
            synonyms.append(found.aliases)
        weight = 3 if is_article else 2
        for word in found.han_words:
            han_words[word] += weight
    n = max(1, len(docs))
    avg_title = max(1.0, sum(f[2] for f in fields) / n)
    avg_text = max(1.0, sum(f[3] for f in fields) / n)

    # Postings [doc delta, title weight, text weight, ...]: the BM25 saturation per field × 100, a hit
    # at least 1. The same arithmetic as bm25(), with each document's length part computed once.
    postings: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for doc_id, (t_counts, x_counts, len_title, len_text) in enumerate(fields):
        d_title = K1 * (1 - B + B * len_title / avg_title)
        d_text = K1 * (1 - B + B * len_text / avg_text)
        title_weight = {t: max(1, round(100 * (tf * (K1 + 1) / (tf + d_title)))) for t, tf in t_counts.items()}
        text_weight = {tf: max(1, round(100 * (tf * (K1 + 1) / (tf + d_text)))) for tf in set(x_counts.values())}
        for term, tf in x_counts.items():
            found = postings.get(term)
            if found is None:
                postings[term] = [doc_id, title_weight.pop(term, 0), text_weight[tf]]
            else:
                found += (doc_id - last[term], title_weight.pop(term, 0), text_weight[tf])
            last[term] = doc_id
        for term, st in title_weight.items():  # in the title only
            found = postings.get(term)
            if found is None:
                postings[term] = [doc_id, st, 0]
            else:
                found += (doc_id - last[term], st, 0)
            last[term] = doc_id

    capped = {term: len(found) // 3 for term, found in postings.items() if len(found) > 3 * POSTINGS_CAP}
    for term in capped:
        postings[term] = cap_postings(postings[term], POSTINGS_CAP)

    out = Shards(manifest={})
    term_groups = _pack(sorted(postings.items()), TERM_SHARD_BYTES, measure=_postings_size)
    for i, group in enumerate(term_groups):
        out.files[f"t{i}"] = dict(group)
        dfs = {term: capped[term] for term, _ in group if term in capped}
        if dfs:  # the number of documents the term is in, for its rarity, where the list keeps fewer
            out.files[f"t{i}"]["#"] = dfs
    doc_rows = [(str(i), row) for i, row in enumerate(rows)]
    doc_groups = _pack(doc_rows, DOC_SHARD_BYTES, whole=lambda row: row[0].partition("#")[0], measure=_row_size)
    starts, at = [], 0
    for i, group in enumerate(doc_groups):
        out.files[f"d{i}"] = [row for _, row in group]
        starts.append(at)
        at += len(group)
    vocabulary = sorted(t for t in postings if t.isascii() and t.isalnum() and t[0].isalpha() and t.islower())
    # A name no page uses is replaced by the site's word in the query (nothing is lost); a name
    # some page uses stands beside it, like a term's aliases.
    corpus = "".join(plains)
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
        "version": MANIFEST_VERSION,
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
    old_files, old_texts = (previous.files, previous.texts) if previous is not None else ({}, {})
    out.texts = {name: old_texts[name] if old_files.get(name) == content else _dumps(content)
                 for name, content in sorted(out.files.items())}
    digest = hashlib.sha256(_dumps(out.manifest).encode())
    for name, body in out.texts.items():
        digest.update(f"{name}\n{body}\n".encode())
    out.manifest["build"] = digest.hexdigest()[:10]
    return out


def shard_script(name: str, data: Any, body: str | None = None) -> str:
    """A shard as a classic script, for file:// where fetch is refused (`body`: its JSON text, if encoded already)."""
    return f"__kbShard({json.dumps(name)},{_dumps(data) if body is None else body});\n"


def write_shards(
    index: str | dict[str, Any],
    folder: Path,
    corrections: dict[str, list[str]] | None = None,
    colloquial: dict[str, list[str]] | None = None,
    terms_of: Callable[[dict[str, Any], Iterable[str]], DocTerms] = doc_terms,
    previous: Shards | None = None,
) -> tuple[str, Shards]:
    """Write the shards of a rewritten index (JSON text or parsed) into `folder`; return search_index.json's text
    and the shards (``terms_of`` and ``previous``: see ``shard_index``).

    The manifest is the shard ``m``: the engine's worker fetches it when it starts, without
    waiting for Material's page to fetch search_index.json and hand it over (which, on a
    slow phone, waits for all of Material's start-up). The returned index keeps Material's
    schema with no documents and, as ``config.kb``, only the manifest's name and build.
    """
    data = json.loads(index) if isinstance(index, str) else index
    shards = shard_index(data, corrections, colloquial, terms_of, previous)
    return write_shard_files(shards, folder, data["config"]), shards


def write_shard_files(shards: Shards, folder: Path, config: dict[str, Any], scripts: bool = True) -> str:
    """Write `shards` into `folder` (emptied first); return search_index.json's text (`config`: its "config").

    `scripts`: also each shard as ``.js``, for the offline copy opened from file:// (a site served
    over HTTP fetches the ``.json`` and never asks for them: half the files, for nothing).
    """
    if folder.exists():
        shutil.rmtree(folder)  # shards of the last build under `mkdocs serve`
    folder.mkdir(parents=True)
    texts = {**shards.texts, MANIFEST: _dumps(shards.manifest)}
    for name, body in texts.items():
        (folder / f"{name}.json").write_text(body, encoding="utf-8")
        if scripts:
            (folder / f"{name}.js").write_text(shard_script(name, None, body), encoding="utf-8")
    stub = {"version": MANIFEST_VERSION, "manifest": MANIFEST, "build": shards.manifest["build"]}
    return _dumps({"config": {**config, "kb": stub}, "docs": []})


def read_manifest(search_dir: Path) -> dict[str, Any] | None:
    """The manifest of a built site's sharded index (None if the index is not sharded)."""
    data = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
    manifest = data["config"].get("kb")
    if manifest and "manifest" in manifest:
        return json.loads((search_dir / "kb" / f"{manifest['manifest']}.json").read_text(encoding="utf-8"))
    return manifest


def read_documents(search_dir: Path) -> list[dict[str, Any]]:
    """The documents of a built site's search index, from the shards if it is sharded (tests, benchmarks)."""
    manifest = read_manifest(search_dir)
    if not manifest:
        return json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))["docs"]
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
