"""The Opinion paragraph, as WeChat styles it: a paragraph wholly in italics gets the theme's ``.opinion`` look.

This is WeChat's reading of plain Markdown, not a node of the model: to the parser (and to the blog and
Substack) such a paragraph is emphasis, as CommonMark says (docs/canonical-format.md, "Opinion paragraphs").
"""

from __future__ import annotations

from leotalk_publish import model as m


def is_opinion(paragraph: m.Paragraph) -> bool:
    """One paragraph wholly in italics (the digest's commentary voice), blank text around it aside."""
    kids = [c for c in paragraph.children if not (isinstance(c, m.Text) and not c.text.strip())]
    return len(kids) == 1 and isinstance(kids[0], m.Emphasis)
