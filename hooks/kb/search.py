"""Search: the pure parts of the search hook (hooks/search.py).

Flow: after every page's front matter is known (``on_env``), the glossary
terms become a jieba user dictionary (``user_words``) so that Material's
search plugin keeps domain terms such as 「时钟回拨」 whole when it segments
Chinese text for the index; the words are added to jieba's global dictionary
and taken out again on the next build (``JiebaWords``). (The plugin's own
``jieba_dict_user`` option cannot do this: it is read in ``on_config``,
before any page has been read.) After Material has
written ``search/search_index.json`` the index is rewritten as plain UTF-8
(``rewrite_index``): same schema, no ``\\uXXXX`` escapes.

The browser side (tokenizer, query analysis, ranking) lives in
``web/search/`` (bundled into ``assets/javascripts/search.js``).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable
from typing import Any

from kb.frontmatter import Term
from kb.htmlwalk import CODE_AND_SCRIPTS, may_contain, remembered, tokenize

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


class SearchIndexError(ValueError):
    """The search index file does not have Material's schema."""


def han_runs(text: str) -> list[str]:
    """The runs of Han characters in `text`, in order."""
    return _HAN_RUN.findall(text)


def user_words(terms: Iterable[Term]) -> list[str]:
    """Words for jieba's user dictionary: every Han run of 2+ characters in term names and aliases.

    Material segments only Han runs with jieba, so a mixed term such as 「API 网关」
    contributes its Han part 「网关」. Sorted and without duplicates.
    """
    words: set[str] = set()
    for term in terms:
        for name in (term.name, *term.aliases):
            words.update(run for run in han_runs(name) if len(run) >= 2)
    return sorted(words)


class JiebaWords:
    """Words added to a jieba tokenizer, with what is needed to take them out again.

    jieba's dictionary is process-global and ``mkdocs serve`` keeps the process
    between rebuilds, so a removed glossary term must not stay a word forever.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self._previous: dict[str, int | None] = {}
        self._total: int | None = None

    def add(self, words: Iterable[str]) -> None:
        self.tokenizer.check_initialized()
        if self._total is None:
            self._total = self.tokenizer.total
        for word in words:
            if word not in self._previous:
                self._previous[word] = self.tokenizer.FREQ.get(word)
            self.tokenizer.add_word(word)

    def restore(self) -> None:
        freq = self.tokenizer.FREQ
        for word, old in self._previous.items():
            freq[word] = 0 if old is None else old  # 0: jieba's own way of deleting a word (del_word)
        if self._total is not None:
            self.tokenizer.total = self._total
        self._previous.clear()
        self._total = None

    @property
    def words(self) -> list[str]:
        return sorted(self._previous)


def alias_text(pages: Iterable[tuple[str, Iterable[Term]]]) -> dict[str, str]:
    """Index location of each term's defining section -> its names, for the index.

    `pages` holds (page URL, terms declared on that page). The term's name and
    aliases are what a reader may type (「AB测试」 for the section 「A/B 测试」);
    they are added to that section's entry in the index only, as a last
    paragraph 「别名：…」, like the glossary shows them.
    """
    out: dict[str, list[str]] = {}
    for url, terms in pages:
        for term in terms:
            names = out.setdefault(f"{url}#{term.anchor}", [])
            names += [n for n in (term.name, *term.aliases) if n not in names]
    return {location: "<p>别名：" + "、".join(html.escape(n, quote=False) for n in names) + "</p>"
            for location, names in out.items()}


def check_index(data: Any) -> None:
    """Raise SearchIndexError unless `data` has Material's search index schema."""
    if not isinstance(data, dict):
        raise SearchIndexError("the index is not a JSON object")
    if not isinstance(data.get("config"), dict):
        raise SearchIndexError("'config' is missing or not an object")
    docs = data.get("docs")
    if not isinstance(docs, list):
        raise SearchIndexError("'docs' is missing or not a list")
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict):
            raise SearchIndexError(f"docs[{i}] is not an object")
        for key in ("location", "title", "text"):
            if not isinstance(doc.get(key), str):
                raise SearchIndexError(f"docs[{i}].{key} is missing or not a string")


LISTING_BOOST = 0.5
# Self-test sections restate a page's topic as questions; the section that explains it should come first.
QUIZ_BOOST = 0.8


def rewrite_index(
    raw: str,
    listings: Iterable[str] = (),
    drop_anchors: Iterable[str] = (),
    aliases: dict[str, str] | None = None,
    quiz_anchors: Iterable[str] = (),
) -> str:
    """Material's index as compact JSON with characters written as UTF-8, not ``\\uXXXX`` escapes.

    Entries of the pages in `listings` (page URLs of pages that list other
    pages with their descriptions, such as category indexes and the generated
    glossary, and so match almost any query) get Material's per-entry
    ``boost`` of LISTING_BOOST, unless the page sets its own. Sections whose
    anchor is in `drop_anchors` (generated blocks such as backlinks, which only
    repeat other pages' titles) are left out. `aliases` (from ``alias_text``)
    is appended to the text of the sections it names. Sections whose anchor is in
    `quiz_anchors` (self-test questions) get a ``boost`` of QUIZ_BOOST.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SearchIndexError(f"not valid JSON: {exc}") from None
    rewrite_docs(data, listings, drop_anchors, aliases, quiz_anchors)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def rewrite_docs(
    data: dict[str, Any],
    listings: Iterable[str] = (),
    drop_anchors: Iterable[str] = (),
    aliases: dict[str, str] | None = None,
    quiz_anchors: Iterable[str] = (),
) -> dict[str, Any]:
    """``rewrite_index`` on the parsed index, in place (the hook hands it on without encoding it again)."""
    check_index(data)
    listings = set(listings)
    drop = set(drop_anchors)
    quiz = set(quiz_anchors)
    data["docs"] = [doc for doc in data["docs"] if doc["location"].partition("#")[2] not in drop]
    aliases = aliases or {}
    for doc in data["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if page in listings and "boost" not in doc:
            doc["boost"] = LISTING_BOOST
        elif anchor in quiz and "boost" not in doc:
            doc["boost"] = QUIZ_BOOST
        extra = aliases.get(doc["location"])
        if extra:
            doc["text"] = f"{doc['text']} {extra}" if doc["text"] else extra
    return data


def version_of(content: bytes) -> str:
    """A short content hash, used as the worker URL's cache-busting query."""
    return hashlib.sha256(content).hexdigest()[:10]


class SegmentMemo:
    """Memoized ``cut`` of a jieba tokenizer, for the text Material's search plugin segments.

    Under ``mkdocs serve`` every rebuild segments every page again, although only
    the edited page changed: remembering each segmented run makes the rest free.
    The memo is keyed by the run and valid for one set of user words (they change
    how jieba cuts), so it is emptied whenever the words differ from the last build.
    """

    def __init__(self, cut: Any) -> None:
        self._cut = cut
        self._memo: dict[Any, list[str]] = {}
        self._words: tuple[str, ...] | None = None
        self._suspended = False

    def use_words(self, words: Iterable[str]) -> None:
        words = tuple(words)
        if words != self._words:
            self._memo.clear()
            self._words = words
        self._suspended = False

    def suspend(self) -> None:
        """Cut without the memo until ``use_words`` says which words hold (kept, not emptied: a
        rebuild with the same words reuses every cut)."""
        self._suspended = True

    def cut(self, sentence: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or self._suspended:  # other options, or words not known yet: not memoized
            return self._cut(sentence, *args, **kwargs)
        found = self._memo.get(sentence)
        if found is None:
            found = self._memo[sentence] = list(self._cut(sentence))
        return found


CORRECTION = "勘误"
_CONTAINERS = frozenset({"details", "div"})


@remembered
def correction_texts(page_html: str) -> list[str]:
    """The text of each correction block of a page: a ``<details>`` or admonition whose title starts with 勘误.

    Search keeps these texts out of result snippets (the reader wants the explanation, not the
    record of what an old note got wrong); they stay searchable.
    """
    if not may_contain(page_html, CORRECTION):
        return []
    out: list[str] = []
    stack: list[dict] = []  # open elements: tag, whether a container, collected text if a correction
    title_of: dict | None = None  # the container whose title element is open
    for token in tokenize(page_html, opaque=CODE_AND_SCRIPTS):
        if token.kind == "start":
            attrs = dict(token.attrs)
            classes = (attrs.get("class") or "").split()
            container = token.tag == "details" or (token.tag == "div" and "admonition" in classes)
            entry = {"tag": token.tag, "container": container, "texts": None, "title": None}
            if stack and (token.tag == "summary" or "admonition-title" in classes):
                owner = next((e for e in reversed(stack) if e["container"]), None)
                if owner is not None and owner["title"] is None:
                    owner["title"] = ""
                    title_of = owner
                    entry["is_title"] = True
            stack.append(entry)
        elif token.kind == "end":
            while stack:
                entry = stack.pop()
                if entry.get("is_title"):
                    title_of = None
                if entry["container"] and entry["texts"] is not None:
                    out.append("".join(entry["texts"]))
                if entry["tag"] == token.tag:
                    break
        elif token.kind == "text":
            if title_of is not None:
                title_of["title"] += token.text
                if title_of["title"].strip().startswith(CORRECTION) and title_of["texts"] is None:
                    title_of["texts"] = []
            for entry in stack:
                if entry["texts"] is not None:
                    entry["texts"].append(token.text)
                    break
    return [text for text in out if text.strip()]


def load_colloquial(data: Any, source: str) -> dict[str, list[str]]:
    """Check the parsed synonyms file: a mapping of the site's word -> list of names readers use.

    Raises SearchIndexError naming `source` and the entry that is wrong.
    """
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SearchIndexError(f"{source}: expected a mapping of the site's word to a list of names readers use")
    out: dict[str, list[str]] = {}
    for word, names in data.items():
        if not isinstance(word, str) or not word.strip():
            raise SearchIndexError(f"{source}: {word!r} is not a word")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise SearchIndexError(f"{source}: {word}: expected a non-empty list of names")
        out[word.strip()] = [n.strip() for n in names]
    return out


def missing_words(colloquial: dict[str, list[str]], texts: Iterable[str]) -> list[str]:
    """The site's words of the synonyms file that no page contains (compared without spaces, any case)."""
    corpus = re.sub(r"\s+", "", "\n".join(texts).replace("\u200b", "")).lower()
    return [w for w in colloquial if re.sub(r"\s+", "", w).lower() not in corpus]


# Material's search parser keeps these tags in an entry's text, so they end a run of Han characters
# there; other tags vanish and the text on both sides joins (「关系<strong>超级</strong>亲密」 is one run).
_KEPT_IN_ENTRIES = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6"})
_NOT_INDEXED = frozenset({"script", "style", "object"})


def segment_runs(page_html: str) -> list[str]:
    """The runs of Han characters Material's search plugin will hand jieba for this HTML, as near as cheaply known.

    Used to segment a page before its entries are made (``kb.searchindexer``): a run guessed
    wrong only means that jieba cuts the real one later, so this is a cheap pass over the
    tokens, not Material's parser.
    """
    runs: list[str] = []
    text: list[str] = []
    hidden = 0
    for token in tokenize(page_html):
        if token.kind == "text":
            if not hidden:
                text.append(token.text)
            continue
        if token.kind in ("start", "end"):
            if token.tag in _NOT_INDEXED:
                hidden = max(0, hidden + (1 if token.kind == "start" else -1))
            if token.tag in _KEPT_IN_ENTRIES and text:
                runs += han_runs("".join(text))
                text = []
    runs += han_runs("".join(text))
    return runs
