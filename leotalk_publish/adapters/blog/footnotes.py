"""Footnote labels as kramdown reads them.

kramdown takes ``[^label]`` for a footnote only when the label is one of its names (``ALD_ID_NAME``: an ASCII
letter, digit or ``_``, then those and ``-``); any other label (``x.y``, ``注释``) is left as text and its note
is lost. Such a label is written as an ASCII name made from it (``x.y`` → ``x-y``, ``注释`` → ``fn``), kept
apart from every label of the issue: a name already taken gets ``-2``, ``-3``… Labels kramdown accepts are
written as they are.
"""

from __future__ import annotations

import re

from leotalk_publish import model as m

_KRAMDOWN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def is_kramdown_name(label: str) -> bool:
    """Whether kramdown reads ``[^label]`` as a footnote."""
    return bool(_KRAMDOWN_NAME.fullmatch(label))


def ascii_name(label: str) -> str:
    """A kramdown name made from ``label``: each run of other characters one ``-``; ``fn`` when nothing is left."""
    if is_kramdown_name(label):
        return label
    return _NOT_NAME.sub("-", label).strip("-") or "fn"


def written_labels(document: m.Document) -> dict[str, str]:
    """Each footnote label of ``document`` → the label the post writes: kramdown names, one per label."""
    labels = _labels(document)
    written = {label: label for label in labels if is_kramdown_name(label)}
    taken = set(written)
    for label in labels:
        if label not in written:
            written[label] = _unused(ascii_name(label), taken)
            taken.add(written[label])
    return written


def _labels(document: m.Document) -> list[str]:
    """Every label, references and notes alike, in the order of the notes' numbers."""
    refs = [(node.number, node.label) for block in m.document_blocks(document) for node in m.block_inlines(block)
            if isinstance(node, m.FootnoteRef)]
    notes = [(note.number, note.label) for note in document.footnotes]
    return list(dict.fromkeys(label for _, label in sorted([*refs, *notes], key=lambda pair: pair[0])))


def _unused(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name}-{n}" in taken:
        n += 1
    return f"{name}-{n}"
