"""Where an issue lands on the site: the post file, its image folder and its URL (al-folio conventions)."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from leotalk_publish.model import Issue

from .settings import PLACEHOLDER, BlogSettings


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
    parts = permalink_parts(date.astimezone(zone), slug)
    path = PLACEHOLDER.sub(lambda found: parts[found.group(1)], settings.permalink)
    return settings.base_url.rstrip("/") + path


def permalink_parts(when: datetime, slug: str) -> dict[str, str]:
    """What Jekyll puts for each placeholder of PERMALINK_PLACEHOLDERS (English month names, as Ruby's)."""
    return {"year": f"{when.year:04d}", "short_year": f"{when.year % 100:02d}", "month": f"{when.month:02d}",
            "i_month": str(when.month), "short_month": MONTHS[when.month - 1][:3], "long_month": MONTHS[when.month - 1],
            "day": f"{when.day:02d}", "i_day": str(when.day), "y_day": f"{when.timetuple().tm_yday:03d}",
            "hour": f"{when.hour:02d}", "minute": f"{when.minute:02d}", "second": f"{when.second:02d}",
            "title": slug, "slug": slug, "output_ext": ".html"}


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
