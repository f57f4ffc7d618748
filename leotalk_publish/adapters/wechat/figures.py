"""Images for WeChat: ``<img>`` with ``data-w`` (its width in pixels, known for every image the issue
loaded: wechat.md asks for it where the width is known), where it matters its width as inline style, and a
caption under each image.

An image at least as wide as the column has no style: WeChat's article CSS already keeps every element
within the column (``max-width:100%``) with its height following, so ``width:100%`` would be paid for 30
times in a weekly for nothing. A narrower image keeps its own width; images side by side are cells of one
row, each ``width:100%`` of its cell with its own caption under it. An image that fills the column and has
no caption stands alone (no wrapper to pay for). An image inside running text keeps its caption right after
it, in the caption's small type, set apart from the text around it by a little margin (``inline_image``).
"""

from __future__ import annotations

from html import escape

from leotalk_publish import model as m

FULL_WIDTH_FROM = 600  # images at least this wide fill the column; narrower ones keep their own width


def render_figures(issue: m.Issue, block: m.Figures) -> str:
    if len(block.images) == 1:
        return _single(issue, block.images[0])
    width = f"{100 // len(block.images)}%"
    cells = "".join(_cell(issue, image, width) for image in block.images)
    return f'<section class="figs">{cells}</section>'


def _single(issue: m.Issue, image: m.Image) -> str:
    tag = image_tag(issue, image)
    if not image.caption and _fills(issue, image):
        return tag
    return f'<p class="fig">{tag}{_caption(image)}</p>'


def _cell(issue: m.Issue, image: m.Image, width: str) -> str:
    return f'<section class="cell" style="width:{width}">{image_tag(issue, image, "100%")}{_caption(image)}</section>'


def inline_image(issue: m.Issue, image: m.Image) -> str:
    """An image in running text: its tag, then its caption (if any) beside it, as the blog and Substack keep it."""
    caption = f'<span class="caption icap">{escape(image.caption, quote=False)}</span>' if image.caption else ""
    return image_tag(issue, image) + caption


def _caption(image: m.Image) -> str:
    return f'<br><span class="caption">{escape(image.caption, quote=False)}</span>' if image.caption else ""


def image_tag(issue: m.Issue, image: m.Image, width: str = "") -> str:
    """``<img>`` with ``data-w`` (the loaded pixel width) and the width it needs in ``style`` (height
    follows; none for an image that fills the column). ``src`` stays local until push."""
    asset = issue.assets.get(image.src)
    style = f"width:{width}" if width else _own_width(asset)
    alt = f' alt="{escape(image.alt)}"' if image.alt else ""
    data_w = f' data-w="{asset.width}"' if asset else ""
    styled = f' style="{style}"' if style else ""
    return f'<img src="{escape(image.src)}"{alt}{data_w}{styled}>'


def _fills(issue: m.Issue, image: m.Image) -> bool:
    """True when the image fills the column, so it needs no centring."""
    asset = issue.assets.get(image.src)
    return asset is None or asset.width >= FULL_WIDTH_FROM


def _own_width(asset: m.Asset | None) -> str:
    if asset is None:
        return "width:100%"
    if asset.width >= FULL_WIDTH_FROM:
        return ""
    return f"width:{asset.width}px"  # WeChat's max-width:100% on every element still holds it in the column
