"""How the blog channel shows itself: ``leotalk channels`` (mode, why, site and remote, what is wrong) and
``leotalk preview`` (the post's Markdown as HTML, roughly as al-folio shows it, figures as images).

Both functions become methods of ``BlogAdapter`` by one import line in its class body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from typing import Any

from .client import run_git, site_status, site_top
from .render import BlogRendition
from .settings import BlogSettings

FIGURE = re.compile(r"\{% include figure\.liquid (?P<params>.*?) %\}")
PARAM = re.compile(r'(\w+)="([^"]*)"')


def describe(self: Any, settings: BlogSettings, sources: Mapping[str, str]) -> list[str]:
    """Lines for ``leotalk channels``: "mode: …", "why: …", "account: …", "problem: …"."""
    site = settings.site
    if not site.is_dir():
        return ["mode: export", f"why: the site folder {site} does not exist: publish creates it and writes the "
                "post there; nothing is committed or pushed", "note: to push, clone your site there (or set site "
                "in channels/blog.toml, or LEOTALK_BLOG_SITE)"]
    if site_top(site) is None:
        return ["mode: export", f"why: {site} is not a git repository of its own: publish writes the post "
                "there and commits nothing"]
    return _repository_lines(settings)


def _repository_lines(settings: BlogSettings) -> list[str]:
    site = settings.site
    status = site_status(site, settings.remote)
    branch = settings.branch or run_git(site, "symbolic-ref", "--short", "HEAD", check=False).stdout.strip() or "?"
    if status.repo is not None:
        chosen = f"the remote '{status.repo.remote}'" + ("" if settings.remote else " (its only remote, or origin)")
        return ["mode: git", f"why: {site} is a git repository with {chosen}: publish commits the post and "
                "pushes it", f"account: {status.repo.remote} → {status.repo.url()} (branch {branch})"]
    remotes = ", ".join(run_git(site, "remote", check=False).stdout.split()) or "none"
    error = " (an error under CI=true)" if settings.ci else ""
    why = status.problem.removeprefix("the site repository ")
    return ["mode: export", f"why: {site} is a git repository, but it {why}",
            f"problem: the site's remotes are: {remotes}; publish would write the post and NOT push it{error} — "
            "set remote in channels/blog.toml to one of them"]


def preview(self: Any, rendition: BlogRendition, settings: BlogSettings) -> dict[str, Any]:
    """The post as HTML for ``leotalk preview``: Markdown through markdown-it, each figure as its image."""
    from markdown_it import MarkdownIt
    text = rendition.documents["post.md"]
    front, body = _split(text)
    local = {path.lstrip("/"): src for src, path in rendition.payload.images.items()}
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(
        FIGURE.sub(lambda match: _figure(match, local), body))
    title = re.search(r'^title:\s*"?(.*?)"?$', front, flags=re.MULTILINE)
    heading = f"<h1>{escape(unescape(title.group(1)))}</h1>\n" if title else ""
    return {"title": "Blog", "frame": "page", "html": heading + html, "facts": [
        f"post: {rendition.payload.post}", f"{len(rendition.assets)} image(s) in the site's "
        f"{settings.images_dir}/", f"{len(body):,} characters of Markdown (no limit)"]}


def _split(text: str) -> tuple[str, str]:
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        front, body = text[4:].split("\n---\n", 1)
        return front, body
    return "", text


def _figure(match: re.Match[str], local: Mapping[str, str]) -> str:
    params = dict(PARAM.findall(match.group("params")))
    src = local.get(unescape(params.get("path", "")).lstrip("/"), params.get("path", ""))
    caption = params.get("caption", "")
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{escape(src)}" alt="{params.get("alt", "")}">{cap}</figure>'
