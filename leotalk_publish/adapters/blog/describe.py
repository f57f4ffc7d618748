"""How the blog channel shows itself: ``leotalk channels`` (mode, why, site and remote, what is wrong) and
``leotalk preview`` (the post's Markdown as HTML, roughly as al-folio shows it, figures as images).

Both functions become methods of ``BlogAdapter`` by one import line in its class body.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from pathlib import Path
from typing import Any

from leotalk_publish.channel import Rendition

from .settings import BlogSettings
from .site_git import mask, run_git

FIGURE = re.compile(r"\{% include figure\.liquid (?P<params>.*?) %\}")
PARAM = re.compile(r'(\w+)="([^"]*)"')


def describe(self: Any, settings: BlogSettings, sources: Mapping[str, str]) -> list[str]:
    """Lines for ``leotalk channels``: "mode: …", "why: …", "account: …", "problem: …"."""
    site, remote = settings.site, settings.remote
    if not site.is_dir():
        return ["mode: export", f"why: the site folder {site} does not exist: publish creates it and writes the "
                "post there; nothing is committed or pushed", "note: to push, clone your site there (or set site "
                "in channels/blog.toml, or LEOTALK_BLOG_SITE)"]
    top = run_git(site, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != site.resolve():
        return ["mode: export", f"why: {site} is not a git repository of its own: publish writes the post "
                "there and commits nothing"]
    return _repository_lines(site, remote, settings.branch)


def _repository_lines(site: Path, remote: str, branch: str) -> list[str]:
    remotes = run_git(site, "remote", check=False).stdout.split()
    branch = branch or run_git(site, "symbolic-ref", "--short", "HEAD", check=False).stdout.strip() or "?"
    if remote in remotes:
        url = mask(run_git(site, "remote", "get-url", remote, check=False).stdout.strip())
        return ["mode: git", f"why: {site} is a git repository with the remote '{remote}': publish commits the "
                "post and pushes it", f"account: {remote} → {url} (branch {branch})"]
    found = ", ".join(remotes) or "none"
    return ["mode: export", f"why: {site} is a git repository, but it has no remote '{remote}'",
            f"problem: the site's remotes are: {found}; publish would write the post and NOT push it — set remote "
            "in channels/blog.toml to one of them"]


def preview(self: Any, rendition: Rendition, settings: BlogSettings) -> dict[str, Any]:
    """The post as HTML for ``leotalk preview``: Markdown through markdown-it, each figure as its image."""
    from markdown_it import MarkdownIt
    text = rendition.documents["post.md"]
    front, body = _split(text)
    local = {path.lstrip("/"): src for src, path in rendition.payload["images"].items()}
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(
        FIGURE.sub(lambda match: _figure(match, local), body))
    title = re.search(r'^title:\s*"?(.*?)"?$', front, flags=re.MULTILINE)
    heading = f"<h1>{escape(unescape(title.group(1)))}</h1>\n" if title else ""
    return {"title": "Blog", "frame": "page", "html": heading + html, "facts": [
        f"post: {rendition.payload['post']}", f"{len(rendition.assets)} image(s) in the site's "
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
