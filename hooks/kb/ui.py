"""Reader-facing UI checks: admonitions and collapsible blocks must carry a (Chinese) title.

``!!! note`` without a title renders the English default "Note" (Python-Markdown's
admonition and pymdownx.details both capitalise the block's type). The ui hook
warns about every such block (``--strict`` fails), so the content stays fixed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kb.htmlwalk import CODE_AND_SCRIPTS, remembered, tokenize


@dataclass(frozen=True)
class UntitledBlock:
    kind: str  # the block's type (note, warning, question...)
    title: str  # the default title the reader would see

    def message(self, src_uri: str) -> str:
        return (
            f"{src_uri}: a '{self.kind}' block has no title, so readers see the English default "
            f'\'{self.title}\'; give it a Chinese one: !!! {self.kind} "标题" (or ??? {self.kind} "标题")'
        )


def _block_kind(tag: str, classes: tuple[str, ...]) -> str | None:
    """The type of an admonition (div.admonition.<type>) or details block (details.<type>)."""
    if tag == "div" and "admonition" in classes:
        kinds = [c for c in classes if c != "admonition"]
        return kinds[0] if kinds else "admonition"
    if tag == "details":
        return classes[0] if classes else "details"
    return None


@remembered
def untitled_blocks(html: str) -> Iterator[UntitledBlock]:
    """Blocks whose title is the default derived from their type ("Note" for ``note``)."""
    blocks: list[tuple[str, str | None]] = []  # (tag, kind) of open div/details elements
    title: list[str] | None = None  # text of the title element being read
    title_tag = ""
    for token in tokenize(html, opaque=CODE_AND_SCRIPTS):
        if token.kind == "start" and token.tag in ("div", "details"):
            blocks.append((token.tag, _block_kind(token.tag, token.classes)))
        elif token.kind == "end" and token.tag in ("div", "details"):
            for depth in range(len(blocks) - 1, -1, -1):
                if blocks[depth][0] == token.tag:
                    del blocks[depth:]
                    break
        elif token.kind == "start" and blocks and blocks[-1][1] and title is None:
            tag, kind = blocks[-1]
            if (tag == "div" and token.tag == "p" and "admonition-title" in token.classes) or (
                tag == "details" and token.tag == "summary"
            ):
                title, title_tag = [], token.tag
        elif token.kind == "text" and title is not None:
            title.append(token.text)
        elif token.kind == "end" and title is not None and token.tag == title_tag:
            text = "".join(title).strip()
            kind = blocks[-1][1] if blocks else None
            if kind and text and text in _defaults(kind):
                yield UntitledBlock(kind, text)
            title = None


def _defaults(kind: str) -> set[str]:
    """The titles Python-Markdown and pymdownx.details derive from a type."""
    return {kind.capitalize(), kind.title(), kind.replace("-", " ").capitalize(), kind.replace("-", " ").title()}
