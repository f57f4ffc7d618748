"""Blog settings: ``channels/blog.toml`` (site folder, al-folio front matter defaults, figure look, git push).

No secrets live here: pushing uses the site checkout's own git credentials (SSH key, credential helper or
the token a CI checkout configured).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from leotalk_publish.project import Project, settings_problem
from leotalk_publish.web_address import web_address_problem

AUTHOR = re.compile(r"[^<>\n]*[^<>\s][^<>\n]* <[^<>\s@]+@[^<>\s@]+>")
# Jekyll's permalink placeholders this adapter can fill in exactly (docs/channels/blog.md)
PERMALINK_PLACEHOLDERS = ("year", "short_year", "month", "i_month", "short_month", "long_month", "day", "i_day",
                          "y_day", "hour", "minute", "second", "title", "slug", "output_ext")
PLACEHOLDER = re.compile(r":([a-z_]+)")


CONTROL = "holds a control character (a NUL, a tab or a line end), which no folder name can hold; remove it"


def _control(value: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in value)


def permalink_problem(pattern: str) -> str | None:
    """Why the site's permalink pattern cannot give a post's address, or ``None``."""
    if not pattern.startswith("/"):
        return ("is not a pattern starting with '/': write the site's permalink out, e.g. \"/blog/:year/:title/\" "
                "(a style name such as 'pretty' is not understood here)")
    unknown = [name for name in PLACEHOLDER.findall(pattern) if name not in PERMALINK_PLACEHOLDERS]
    if unknown:
        return (f"has a placeholder this tool cannot fill in, :{unknown[0]}; use "
                f"{', '.join(':' + name for name in PERMALINK_PLACEHOLDERS)}")
    return None


class BlogSettings(BaseModel):
    """Everything the blog channel needs, validated once at the edge."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    site: Path = Path("site")  # relative to the project folder, or absolute
    base_url: str = ""  # e.g. "https://leotalk.example"; the recorded post URL starts with it
    permalink: str = "/blog/:year/:title/"
    posts_dir: str = "_posts"
    images_dir: str = "assets/img"
    layout: str = "post"
    categories: list[str] = Field(default_factory=lambda: ["Blog"])
    giscus_comments: bool = True
    related_posts: bool = False
    toc_sidebar: Literal["left", "right", ""] = "left"  # "" → no table of contents
    tabs: bool = False
    figure_class: str = "img-fluid rounded z-depth-1"
    zoomable: bool = True
    loading: Literal["eager", "lazy", "auto"] = "eager"
    remote: str = ""  # "" → auto: the site's only remote, else "origin"
    branch: str = ""  # "" → the site checkout's current branch
    commit_author: str = ""  # "Name <email>"; "" → the site repository's own git identity
    midnight_window_hours: float = Field(3.0, ge=0, le=12)
    ci: bool = Field(False, exclude=True)  # from CI=true in the environment, never from the file

    @field_validator("remote", "branch")
    @classmethod
    def _git_name(cls, value: str) -> str:
        if value and (value.startswith("-") or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._/-]*", value)):
            raise ValueError("a remote or branch name is letters, digits and . _ / - (not starting with '-')")
        return value

    @field_validator("site", mode="before")
    @classmethod
    def _a_site(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError('names no folder: set it to the site checkout, e.g. "site" or "../leotalk.github.io"')
        if isinstance(value, str) and _control(value):
            raise ValueError(CONTROL)
        return value

    @field_validator("base_url")
    @classmethod
    def _a_base_url(cls, value: str) -> str:
        if value and (problem := web_address_problem(value)):
            raise ValueError(f"{problem} (the site's own address, e.g. https://leotalk.example)")
        return value

    @field_validator("permalink")
    @classmethod
    def _a_permalink(cls, value: str) -> str:
        if problem := permalink_problem(value):
            raise ValueError(problem)
        return value

    @field_validator("commit_author")
    @classmethod
    def _an_author(cls, value: str) -> str:
        if value and not AUTHOR.fullmatch(value):
            raise ValueError("is not a git author: write it as \"Name <email@example.com>\"")
        return value

    @field_validator("posts_dir", "images_dir")
    @classmethod
    def _inside_the_site(cls, value: str) -> str:
        """A folder of the site, named relative to it: never absolute, never climbing out with '..'."""
        path = Path(value)
        if _control(value):
            raise ValueError(CONTROL)
        if not value.strip() or path.is_absolute() or ".." in path.parts or value.startswith("~"):
            raise ValueError("a folder inside the site, relative to it (e.g. '_posts' or 'assets/img'), without "
                             "'..' or a leading '/'")
        return value

    def site_path(self, project: Path) -> Path:
        return self.site if self.site.is_absolute() else project / self.site


def load_settings(root: Path, env: Mapping[str, str]) -> BlogSettings:
    """Read channels/blog.toml; ``LEOTALK_BLOG_SITE`` in the environment overrides the site folder."""
    project = Project(root)
    values: dict[str, Any] = dict(project.read_channel_toml("blog"))
    if "ci" in values:
        raise settings_problem(project.channel_file("blog"), ValueError(
            "not a setting: it comes from CI=true in the environment"), key="ci")
    sources = {"site": "LEOTALK_BLOG_SITE"} if env.get("LEOTALK_BLOG_SITE") else {}
    if sources:
        values["site"] = env["LEOTALK_BLOG_SITE"]
    try:
        settings = BlogSettings(**values)
    except ValidationError as exc:
        raise settings_problem(project.channel_file("blog"), exc, sources=sources) from None
    ci = env.get("CI", "").strip().lower() in ("true", "1", "yes")
    return settings.model_copy(update={"site": settings.site_path(root), "ci": ci})
