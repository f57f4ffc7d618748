"""Images as al-folio figures: one ``figure.liquid`` include per image, one row per group of images.

al-folio writes ``alt``, ``title`` and ``caption`` into the page unescaped, so they are escaped here for
HTML (quotes, ``<``, ``&``) and for Liquid (braces and ``%`` become character references).
"""

from __future__ import annotations

ROW_OPEN = '<div class="row mt-3">'
COL_OPEN = '    <div class="col-sm mt-0 mb-0">'
COL_CLOSE = "    </div>"
ROW_CLOSE = "</div>"
INDENT = " " * 8

_ATTRIBUTE_ESCAPES = str.maketrans({
    "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;",
    "{": "&#123;", "}": "&#125;", "%": "&#37;", "\n": " ", "\r": " ",
})


def escape_attribute(value: str) -> str:
    """A value that can sit between the include's double quotes and then in HTML, unchanged in meaning."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def include(path: str, *, css_class: str, zoomable: bool, loading: str, alt: str = "", caption: str = "") -> str:
    """One ``{% include figure.liquid … %}`` tag, parameters in al-folio's usual order."""
    params = [f'loading="{escape_attribute(loading)}"', f'path="{escape_attribute(path)}"',
              f'class="{escape_attribute(css_class)}"']
    if zoomable:
        params.append("zoomable=true")
    if alt:
        params.append(f'alt="{escape_attribute(alt)}"')
    if caption:
        params.append(f'caption="{escape_attribute(caption)}"')
    return "{% include figure.liquid " + " ".join(params) + " %}"


def figure_row(includes: list[str]) -> str:
    """One row holding one column per image: consecutive images sit side by side."""
    lines = [ROW_OPEN]
    for tag in includes:
        lines += [COL_OPEN, INDENT + tag, COL_CLOSE]
    lines.append(ROW_CLOSE)
    return "\n".join(lines)
