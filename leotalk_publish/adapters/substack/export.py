"""The Substack export path (``--export``, or no cookie): ``export/substack/<issue>/`` with ``post.html`` to
paste into Substack's editor, ``draft_body.json`` (the API's document) and the images beside them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from leotalk_publish.adapters.substack.html import render_html
from leotalk_publish.adapters.substack.render import BODY, SubstackRendition
from leotalk_publish.channel import PushContext, PushResult
from leotalk_publish.ledger import atomic_write


def export_folder(ctx: PushContext, issue_id: str) -> Path:
    return ctx.project / "export" / "substack" / issue_id


def export_files(rendition: SubstackRendition, ctx: PushContext) -> PushResult:
    """export/substack/<issue>/: post.html (paste-ready), draft_body.json and the images beside them."""
    folder = export_folder(ctx, rendition.issue_id)
    draft = rendition.payload.draft
    for asset in rendition.assets:  # post.html names it by its (percent-encoded) src: the file has the real name
        atomic_write(folder / unquote(asset.src), asset.read_bytes())
    atomic_write(folder / BODY, rendition.documents[BODY].encode("utf-8"))
    html = render_html(rendition.payload.doc, draft["title"], draft["subtitle"])
    atomic_write(folder / "post.html", html.encode("utf-8"))
    ctx.report(f"wrote {ctx.shown(folder / 'post.html')}: open it in a browser, copy what is below the line "
               "and paste it into a new post")
    return PushResult("export", ctx.shown(folder / "post.html"),
                      notes=(f"{len(rendition.assets)} image(s) beside it; {BODY} is the API's document",))
