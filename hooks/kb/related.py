"""Related pages: the pages that share the most terms and links with a page, general terms counting little.

Flow: ``page_features`` describes a page by its final links (``page.meta``'s
``_outbound`` and ``_inbound``) and the terms it defines: each link target
``url#fragment`` (a term's definition, or a section) or ``url`` (a whole page),
``url#anchor`` for every term defined on the page itself, so that a page
defining a term and a page using it have that feature in common, and each page
linking here (two pages cited by the same pages are related: co-citation).
``rank_related`` weights each feature by its inverse document frequency over
all pages (``log(N / pages having it)``: a term half the site links to counts
little, one that two pages share counts a lot), scores every pair of pages by
the summed weights of their shared features and keeps the best ``limit``
candidates per page that are not excluded (the page itself, its backlinks, the
pages it already links to). Being cited by the same page counts half as much as
sharing a term or link target (``KIND_WEIGHT``: a hub page citing dozens of pages
says less about each pair), and a pair needs at least ``MIN_SCORE`` (about one
feature shared by under a tenth of the pages) to be suggested at all. Ties go to the smaller id (the page URL), and sums
run over features in sorted order, so the result never depends on page order.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

RELATED_ID = "related"
RELATED_TITLE = "相关页面"
LIMIT = 5
KIND_WEIGHT = {"link": 1.0, "from": 0.5}
MIN_SCORE = 2.3  # log(10): one feature that fewer than a tenth of the pages have


def page_features(
    outbound: Iterable[tuple[str, str]],
    own_url: str,
    defined_anchors: Iterable[str] = (),
    inbound: Iterable[str] = (),
) -> frozenset:
    """Features of a page: ``("link", url#fragment)`` or ``("link", url)`` per link,
    ``("link", own_url#anchor)`` per term the page defines, ``("from", url)`` per page linking here."""
    features = {("link", f"{url}#{fragment}" if fragment else url) for url, fragment in outbound}
    features.update(("link", f"{own_url}#{anchor}") for anchor in defined_anchors)
    features.update(("from", url) for url in inbound)
    return frozenset(features)


def idf_weights(features: Mapping[str, Collection]) -> dict:
    """``log(N / df)`` for every feature (times its kind's weight), N pages, df how many of them have it."""
    counts: dict = {}
    for page_features_ in features.values():
        for feature in page_features_:
            counts[feature] = counts.get(feature, 0) + 1
    total = len(features)
    return {f: KIND_WEIGHT.get(f[0], 1.0) * math.log(total / count) for f, count in counts.items()}


@dataclass(frozen=True)
class Related:
    id: str
    score: float
    shared: tuple  # the shared features, heaviest first (ties by feature)


def rank_related(
    features: Mapping[str, Collection],
    exclude: Mapping[str, Collection[str]] | None = None,
    limit: int = LIMIT,
    min_score: float = MIN_SCORE,
) -> dict[str, list[Related]]:
    """For every page id, up to ``limit`` other pages by descending score (at least ``min_score``), ties by id."""
    exclude = exclude or {}
    weights = idf_weights(features)
    ids = sorted(features)
    sets = {page: frozenset(features[page]) for page in ids}
    # Only pages sharing at least one feature can score above zero: look them up by feature
    # instead of scoring every pair (at 10,000 pages that is 10^8 pairs).
    having: dict = {}
    for page in ids:
        for feature in sets[page]:
            having.setdefault(feature, []).append(page)
    result: dict[str, list[Related]] = {}
    for page in ids:
        banned = set(exclude.get(page, ()))
        banned.add(page)
        others = {other for feature in sets[page] for other in having[feature]} - banned
        candidates = []
        for other in others:
            shared = sorted(sets[page] & sets[other])
            score = math.fsum(weights[f] for f in shared)
            if score > 0 and score >= min_score:
                heaviest = tuple(sorted(shared, key=lambda f: (-weights[f], f)))
                candidates.append(Related(other, score, heaviest))
        candidates.sort(key=lambda r: (-r.score, r.id))
        result[page] = candidates[:limit]
    return result
