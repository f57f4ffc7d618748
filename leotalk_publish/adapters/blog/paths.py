"""Where an issue lands on the site: the post file, its image folder and its URL (al-folio conventions)."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from leotalk_publish.model import Issue

from .settings import BlogSettings


def slug_of(issue: Issue) -> str:
    """The front matter's ``slug``, else one made from the issue id."""
    return issue.meta.slug or slugify(issue.issue_id)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "post"


def stem_of(issue: Issue) -> str:
    """``YYYY-MM-DD-slug``, the date in the issue's own offset."""
    return f"{issue.date.date().isoformat()}-{slug_of(issue)}"


def post_path(issue: Issue, settings: BlogSettings) -> PurePosixPath:
    return PurePosixPath(settings.posts_dir) / f"{stem_of(issue)}.md"


def image_folder(issue: Issue, settings: BlogSettings) -> PurePosixPath:
    return PurePosixPath(settings.images_dir) / stem_of(issue)


def image_path(issue: Issue, settings: BlogSettings, name: str) -> PurePosixPath:
    """The image's place in the site checkout (``assets/img/<stem>/<name>``)."""
    return image_folder(issue, settings) / name


def image_url(issue: Issue, settings: BlogSettings, name: str) -> str:
    """The absolute site path a post uses for an image."""
    return "/" + str(image_path(issue, settings, name))


def post_url(date: datetime, slug: str, settings: BlogSettings, zone: tzinfo) -> str:
    """The post's address per the permalink pattern, its date seen in the site's time zone."""
    when = date.astimezone(zone)
    parts = {":year": f"{when.year:04d}", ":month": f"{when.month:02d}", ":day": f"{when.day:02d}",
             ":title": slug, ":slug": slug}
    path = re.sub(r":(year|month|day|title|slug)", lambda m: parts[m.group(0)], settings.permalink)
    return settings.base_url.rstrip("/") + path
