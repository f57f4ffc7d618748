"""How the Substack channel shows itself: ``leotalk channels`` (mode, why, publication, what is wrong) and
``leotalk preview`` (the paste-ready HTML of the export, written from the same ProseMirror document the API
would receive). Both become methods of ``SubstackAdapter`` by one import line in its class body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leotalk_publish.adapters.substack.render import SubstackRendition

from .html import render_html
from .settings import SubstackSettings


def describe(self: Any, settings: SubstackSettings, sources: Mapping[str, str]) -> list[str]:
    """Lines for ``leotalk channels``; the cookie's value is never shown, only where it was found."""
    account = f"account: publication {settings.publication or '(not set)'} at {settings.publication_host}"
    if not settings.has_cookie:
        return ["mode: export", "why: SUBSTACK_COOKIE is not set (neither in the environment nor in .env): "
                "publish writes export/substack/<issue>/post.html to paste by hand", account]
    lines = ["mode: api", f"why: SUBSTACK_COOKIE found in {sources.get('SUBSTACK_COOKIE', 'the environment')}: "
             f"publish saves a draft and then {_act(settings)}", account]
    if settings.api_base:
        lines.append(f"note: every call goes to {settings.api_base} (LEOTALK_SUBSTACK_API_BASE)")
    return lines


def _act(settings: SubstackSettings) -> str:
    email = "emails subscribers" if settings.send_email else "emails nobody"
    return {"publish": f"publishes it ({email})", "schedule": f"schedules it at the issue's date ({email})",
            "draft": "leaves it as a draft (emails nobody)"}[settings.act]


def preview(self: Any, rendition: SubstackRendition, settings: SubstackSettings) -> dict[str, Any]:
    """The post for ``leotalk preview``: the export's HTML body, images by their local src."""
    draft = rendition.payload.draft
    page = render_html(rendition.payload.doc, draft["title"], draft.get("subtitle") or "")
    body = page.split("<article>", 1)[1].split("</article>", 1)[0]
    head = f"<h1>{_escape(draft['title'])}</h1>\n<p class=\"subtitle\">{_escape(draft.get('subtitle') or '')}</p>\n"
    return {"title": "Substack", "frame": "page", "html": head + body, "facts": [
        f"{len(rendition.assets)} image(s) to upload", f"audience: {draft['audience']}; after saving: {settings.act}",
        f"{len(rendition.documents['draft_body.json']):,} characters of draft JSON (no limit)"]}


def _escape(text: str) -> str:
    from html import escape
    return escape(text)
