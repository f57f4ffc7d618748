"""What the blog can tell is wrong before anything is written: file names Jekyll would drop or that would
break a figure include, two images that would land on the same name, and a site without a time zone
for an issue dated near midnight UTC (the post would move to another day, even another /blog/<year>/).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from leotalk_publish.errors import Problem
from leotalk_publish.model import Image, Issue, all_images

from .client import site_status
from .paths import post_url, slug_of
from .push import site_config
from .settings import BlogSettings

_BAD_NAME_CHARS = re.compile(r"""[\s"'{}%<>?#\\]""")


def check(issue: Issue, settings: BlogSettings) -> list[Problem]:
    problems = image_problems(issue)
    problems += timezone_problems(issue, settings)
    problems += site_problems(issue, settings)
    problems += remote_problems(settings)
    return problems


def remote_problems(settings: BlogSettings) -> list[Problem]:
    """A git site the blog cannot push (no such remote): said on every run, and an error under CI=true,
    so the blog never stops pushing in silence."""
    status = site_status(settings.site, settings.remote)
    if not status.problem:
        return []
    return [Problem(str(settings.site), f"{status.problem}, so the post is written into the site but not "
                    "committed or pushed", "set 'remote' in channels/blog.toml to one of the site's remotes "
                    "(\"\" picks the only one), or add it with 'git remote add'", "blog",
                    "error" if settings.ci else "warning")]


def site_problems(issue: Issue, settings: BlogSettings) -> list[Problem]:
    """What the site checkout lacks for this post: the figure include, the tabs plugin."""
    site = settings.site
    config = site_config(site)
    if not (site / "_config.yml").is_file():
        return []
    problems: list[Problem] = []
    themed = bool(config.get("theme") or config.get("remote_theme"))
    if all_images(issue.document) and not themed and not (site / "_includes" / "figure.liquid").is_file():
        problems.append(Problem(str(site / "_includes"), "the site has no _includes/figure.liquid, so Jekyll "
                                "would fail on the post's figure includes",
                                "point 'site' in channels/blog.toml at the al-folio checkout", "blog"))
    if settings.tabs and "jekyll-tabs" not in (config.get("plugins") or []):
        problems.append(Problem(str(site / "_config.yml"), "tabs = true, but the site does not load the "
                                "jekyll-tabs plugin; Jekyll would fail on the post", "set tabs = false in "
                                "channels/blog.toml, or add jekyll-tabs to the site's plugins", "blog"))
    return problems


def image_problems(issue: Issue) -> list[Problem]:
    """Each image name must survive Jekyll and the include, and be the only one of its name."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for image in all_images(issue.document):
        asset = issue.assets.get(image.src)
        if asset is None:
            continue  # the loader already reported it
        problems += _name_problems(asset.name, image, issue)
        first = owner.setdefault(asset.name, str(asset.path))
        if first != str(asset.path):
            problems.append(Problem(issue.at(image.line), f"two different images are both named '{asset.name}' "
                                    f"({image.src} and another); on the blog one would overwrite the other",
                                    "rename one of the files", "blog"))
    return problems


def _name_problems(name: str, image: Image, issue: Issue) -> list[Problem]:
    if name.startswith(("_", ".", "#")) or name.endswith("~"):
        return [Problem(issue.at(image.line), f"Jekyll leaves out files named like '{name}' (a leading '_', '.' "
                        "or '#', or a trailing '~'), so the image would be missing on the blog",
                        "rename the file", "blog")]
    if _BAD_NAME_CHARS.search(name):
        return [Problem(issue.at(image.line), f"the image name '{name}' has a space or one of \" ' {{ }} % < > ? # \\, "
                        "which breaks the figure include or the image URL",
                        "rename the file using letters, digits, '-' and '_'", "blog")]
    return []


def timezone_problems(issue: Issue, settings: BlogSettings) -> list[Problem]:
    """Warn when the site has no ``timezone:`` and the issue sits within a few hours of midnight UTC."""
    config_path = settings.site / "_config.yml"
    if not config_path.is_file() or site_config(settings.site).get("timezone"):
        return []
    utc = issue.date.astimezone(UTC)
    midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    distance = min(utc - midnight, midnight + timedelta(days=1) - utc)
    if distance > timedelta(hours=settings.midnight_window_hours):
        return []
    return [Problem(f"{config_path}", _timezone_message(issue, settings, utc),
                    "add a line such as 'timezone: Asia/Shanghai' to the site's _config.yml", "blog", "warning")]


def _timezone_message(issue: Issue, settings: BlogSettings, utc: datetime) -> str:
    local = issue.date
    url = post_url(local, slug_of(issue), settings, UTC)
    shift = "" if utc.date() == local.date() else (
        f"; built in UTC it is dated {utc.date()} instead of {local.date()}")
    return (f"the site's _config.yml has no 'timezone:', and {issue.issue_id} is dated {local.isoformat()}, "
            f"within {settings.midnight_window_hours:g} h of midnight UTC: Jekyll dates posts in the build "
            f"machine's zone, so the post can move to another day (and another /blog/<year>/){shift} — "
            f"in UTC it is at {url}")
