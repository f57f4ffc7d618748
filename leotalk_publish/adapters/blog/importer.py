"""Import an existing al-folio post as a canonical draft: ``drafts/<id>/index.md`` plus ``images/``.

Figure includes become image references (``![alt](images/<name> "caption")``), their ``row``/``col``
wrappers are dropped (however deeply they are doubled), one row of images becomes one paragraph of images.
Images are copied from the site's ``assets/`` when the post sits in a site checkout (``<site>/_posts/``);
otherwise, and for any file not found, the result lists what is missing. Front matter keys the canonical
format has no place for (layout, toc, giscus_comments, …) are dropped, each with a notice.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from leotalk_publish.errors import InputError
from leotalk_publish.frontmatter import split_front_matter
from leotalk_publish.ledger import atomic_write

from .front_matter import string_list
from .paths import slugify
from .push import site_zone

WRAPPER_OPEN = re.compile(r'^\s*<div\s+class="(?:row|col)\b[^"]*"\s*>\s*$')
WRAPPER_CLOSE = re.compile(r"^\s*</div>\s*$")
INCLUDE = re.compile(r"\{%-?\s*include\s+figure\.liquid\s(.*?)-?%\}")
PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
RAW_TAG = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
KRAMDOWN_ATTR_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
POST_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)\.(?:md|markdown)")
CANONICAL = {"title": "title", "date": "date", "tags": "tags", "categories": "categories",
             "description": "summary", "summary": "summary", "subtitle": "subtitle", "author": "author"}


@dataclass(frozen=True)
class Figure:
    site_path: str  # as written in the include, e.g. /assets/img/…/x.png
    name: str  # the file name in the draft's images/
    alt: str = ""
    caption: str = ""

    def markdown(self) -> str:
        alt = re.sub(r"([\\\[\]])", r"\\\1", self.alt)
        title = ' "' + self.caption.replace("\\", "\\\\").replace('"', '\\"') + '"' if self.caption else ""
        return f"![{alt}](images/{self.name}{title})"


@dataclass
class ImportResult:
    draft: Path
    copied: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What a person needs to know, one line each."""
        out = [f"wrote {self.draft}", *(f"note: {n}" for n in self.notices)]
        out.append(f"copied {len(self.copied)} image(s) into {self.draft.parent / 'images'}")
        if self.missing:
            out.append(f"{len(self.missing)} image(s) not found; put them into {self.draft.parent / 'images'} "
                       "before publishing:")
            out += [f"  missing: {m}" for m in self.missing]
        return out


def import_post(post: Path, drafts: Path, issue_id: str, *, force: bool = False) -> ImportResult:
    """Write ``drafts/<issue_id>/`` from an al-folio post; refuse to overwrite a draft unless ``force``."""
    text = _read(post)
    yaml_text, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    data = _front_matter_data(yaml_text, post)
    site = site_root(post)
    notices: list[str] = []
    markdown, figures = convert_body(body, notices)
    folder = drafts / issue_id
    index = folder / "index.md"
    if index.exists() and not force:
        raise InputError(f"{index} already exists; choose another --id, or pass --force to replace it")
    front = canonical_front_matter(data, post, figures, site, notices)
    result = ImportResult(index, notices=notices)
    _copy_images(figures, site, folder / "images", result)
    atomic_write(index, (front + "\n" + markdown).encode("utf-8"))
    return result


def _read(post: Path) -> str:
    try:
        return post.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{post}: no such file; give the path of a post, e.g. site/_posts/2025-09-22-x.md") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{post}: cannot read it as UTF-8 text ({exc.__class__.__name__})") from None


def _front_matter_data(yaml_text: str, post: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(yaml_text) if yaml_text else {}
    except yaml.YAMLError as exc:
        raise InputError(f"{post}: the front matter is not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not data.get("title"):
        raise InputError(f"{post}: the front matter has no 'title'; an al-folio post starts with ---, title:, date:")
    return data


def site_root(post: Path) -> Path | None:
    """The site checkout a post sits in (``<site>/_posts/<file>``), if any."""
    parent = post.resolve().parent
    return parent.parent if parent.name == "_posts" else None


# ── body ────────────────────────────────────────────────────────────────────────────────────────────
def convert_body(body: str, notices: list[str]) -> tuple[str, list[Figure]]:
    """The post body as canonical Markdown, and every figure it shows (in order)."""
    out: list[str] = []
    figures: list[Figure] = []
    group: list[Figure] = []
    names = _Names()
    depth = 0
    for number, line in enumerate(RAW_TAG.sub("", body).split("\n"), start=1):
        if WRAPPER_OPEN.match(line):
            depth += 1
        elif depth and WRAPPER_CLOSE.match(line):
            depth -= 1
            if depth == 0:
                _flush(out, group)
        elif INCLUDE.search(line):
            found = [names.unique(_figure(m.group(1))) for m in INCLUDE.finditer(line)]
            group += found
            figures += found
            if depth == 0:
                _flush(out, group)
            if rest := INCLUDE.sub("", line).strip():
                out.append(rest)
        elif KRAMDOWN_ATTR_LINE.match(line):
            notices.append(f"body line {number}: dropped the kramdown attribute line {line.strip()}")
        elif not (depth and not line.strip()):
            out.append(line)
    _flush(out, group)
    return _tidy("\n".join(out)), figures


def _figure(params_text: str) -> Figure:
    params = {m.group(1): html.unescape(next(g for g in m.groups()[1:] if g is not None))
              for m in PARAM.finditer(params_text)}
    path = params.get("path", "")
    return Figure(site_path=path, name=PurePosixPath(path).name or "image.png",
                  alt=params.get("alt", ""), caption=params.get("caption", "") or params.get("title", ""))


def _flush(out: list[str], group: list[Figure]) -> None:
    """One row of images → one paragraph of image lines, with a blank line on either side."""
    if group:
        out += ["", *(f.markdown() for f in group), ""]
        group.clear()


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


class _Names:
    """Draft file names: two different site files with one name get distinct ones (``2-x.png``)."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}

    def unique(self, fig: Figure) -> Figure:
        name, n = fig.name, 1
        while self.owner.setdefault(name, fig.site_path) != fig.site_path:
            n += 1
            name = f"{n}-{fig.name}"
        return Figure(fig.site_path, name, fig.alt, fig.caption)


# ── front matter ────────────────────────────────────────────────────────────────────────────────────
def canonical_front_matter(data: dict[str, Any], post: Path, figures: list[Figure], site: Path | None,
                           notices: list[str]) -> str:
    values = {CANONICAL[k]: v for k, v in data.items() if k in CANONICAL}
    if dropped := sorted(set(data) - set(CANONICAL) - {"slug"}):
        notices.append(f"dropped blog-only front matter: {', '.join(dropped)} (the canonical format has no "
                       "place for them; channels/blog.toml sets the blog's defaults)")
    lines = [f"title: {_quoted(str(values['title']))}", f"date: {_date(values.get('date'), post, site, notices)}",
             f"slug: {_slug(data, post, figures)}"]
    lines += [f"{k}: {_quoted(str(values[k]))}" for k in ("subtitle", "summary", "author") if values.get(k)]
    lines += string_list("tags", _as_list(values.get("tags")))
    lines += string_list("categories", _as_list(values.get("categories")))
    return "---\n" + "\n".join(lines) + "\n---\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value.split() if isinstance(value, str) else list(value)
    return [str(v) for v in items]


def _date(value: Any, post: Path, site: Path | None, notices: list[str]) -> str:
    """The post's date with an offset (a date without one is read in the site's time zone)."""
    when = _parse_date(value) or _parse_date(_name_date(post))
    if when is None:
        raise InputError(f"{post}: no date in the front matter or the file name; add 'date: 2025-09-22T08:00:00+08:00'")
    if when.tzinfo is None:
        zone = site_zone(site) if site else UTC
        when = when.replace(tzinfo=zone)
        notices.append(f"the post's date has no UTC offset; read it in {zone} ({when.isoformat()})")
    return when.isoformat()


def _parse_date(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", value.strip()))
        except ValueError:
            return None
    return None


def _name_date(post: Path) -> str | None:
    match = POST_NAME.fullmatch(post.name)
    return match.group(1) if match else None


def _slug(data: dict[str, Any], post: Path, figures: list[Figure]) -> str:
    """The slug the blog uses now: the file name's, else the figures' common folder's, else the file stem's."""
    match = POST_NAME.fullmatch(post.name)
    folders = {PurePosixPath(f.site_path).parent.name for f in figures}
    if data.get("slug"):
        candidate = str(data["slug"])
    elif match:
        candidate = match.group(2)
    elif len(folders) == 1 and re.match(r"\d{4}-\d{2}-\d{2}-", next(iter(folders))):
        candidate = next(iter(folders))[11:]
    else:
        candidate = post.stem
    return candidate if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", candidate) else slugify(candidate)


# ── images ──────────────────────────────────────────────────────────────────────────────────────────
def _copy_images(figures: list[Figure], site: Path | None, images: Path, result: ImportResult) -> None:
    for fig in {f.name: f for f in figures}.values():
        source = (site / fig.site_path.lstrip("/")) if site else None
        if source is not None and source.is_file():
            images.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, images / fig.name)
            result.copied.append(fig.name)
        else:
            result.missing.append(f"{fig.site_path} → images/{fig.name}")
