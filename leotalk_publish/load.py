"""Read a draft folder into an ``Issue``: front matter, document and the images it references.

Loading reads files and nothing else. Every problem found is collected, so ``check`` can report them all
at once; ``load_issue`` raises ``CheckFailed`` when there is any.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import unquote, urlparse

from leotalk_publish import model as m
from leotalk_publish.cache import ContentCache
from leotalk_publish.errors import CheckFailed, DraftError, Problem
from leotalk_publish.frontmatter import missing_delimiter, normalize_text, parse_front_matter, split_front_matter
from leotalk_publish.parse import parse_markdown
from leotalk_publish.project import issue_id_problem

IMAGE_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp",
              "BMP": "image/bmp"}
MAX_NAME_BYTES = 200  # a folder or file name of an image: the channels add a number, a dot and a temporary suffix
MAX_PIXELS = 50_000_000  # a 50-megapixel image is far beyond any channel's display; beyond it, a decompression bomb


def draft_folder(drafts: Path, issue_id: str) -> Path:
    return drafts / issue_id


def load_issue(drafts: Path, issue_id: str) -> m.Issue:
    """Load and validate a draft; raise ``CheckFailed`` with every problem found."""
    issue, problems = read_issue(drafts, issue_id)
    errors = [p for p in problems if p.severity == "error"]
    if errors or issue is None:
        raise CheckFailed(errors)
    return issue


def read_issue(drafts: Path, issue_id: str) -> tuple[m.Issue | None, list[Problem]]:
    """Load a draft and list its problems; the issue is None when it cannot be built at all."""
    if problem := issue_id_problem(issue_id):
        return None, [problem]
    folder = draft_folder(drafts, issue_id)
    index = folder / "index.md"
    where = _display(index)
    if problem := _index_problem(drafts, folder, index, where):
        return None, [problem]
    text, problem = _read_text(index, where)
    if problem:
        return None, [problem]
    yaml_text, body, offset = split_front_matter(text)
    meta, problems = parse_front_matter(yaml_text, where) if yaml_text else (None, [missing_delimiter(text, where)])
    if yaml_text and not body.strip():
        problems.append(Problem(f"{where}:{offset + 1}", "the issue has no body after its front matter",
                                "write the issue's text below the closing '---'"))
    try:
        document = parse_markdown(body, line_offset=offset, source=where)
    except DraftError as exc:
        return None, [*problems, _draft_problem(exc, where)]
    assets, asset_problems = _load_assets(folder, document, meta.cover_refs() if meta else [], where)
    problems += asset_problems
    if meta is None:
        return None, problems
    issue = m.Issue(issue_id=issue_id, folder=folder.resolve(), meta=meta, document=document,
                    assets=assets)
    return issue, problems


def _index_problem(drafts: Path, folder: Path, index: Path, where: str) -> Problem | None:
    """The draft's index.md must exist, be a file, and (followed through any symlink) stay in its folder."""
    if index.is_symlink() and not index.exists():
        return Problem(where, f"index.md is a link to a missing file ({index.readlink()})",
                       "replace the link with the draft itself")
    if index.is_dir():
        return Problem(where, "index.md is a folder, not the draft's text",
                       "move what it holds aside and write the issue in a file named index.md")
    if not index.is_file():
        hint = f"create {where}" if folder.is_dir() else f"no draft folder '{_display(folder)}'; " \
            f"known issues in {drafts.resolve()}: {', '.join(list_issue_ids(drafts)) or 'none'}"
        return Problem(where, "draft not found", hint)
    if not folder.resolve().is_relative_to(drafts.resolve()):
        return Problem(where, f"the draft folder is a link to {folder.resolve()}, outside drafts/",
                       "move the draft folder into drafts/ instead of linking to it")
    if not index.resolve().is_relative_to(folder.resolve()):
        return Problem(where, f"index.md is a link to {index.resolve()}, outside the draft folder",
                       "copy the file into the draft folder instead of linking to it")
    return None


def _read_text(index: Path, where: str) -> tuple[str, Problem | None]:
    """The draft's text (BOM dropped, line ends made LF), or a problem that says where it stops being UTF-8."""
    try:
        raw = index.read_bytes()
        return normalize_text(raw.decode("utf-8")), None
    except OSError as exc:
        return "", Problem(where, f"cannot read the draft ({exc.__class__.__name__})", "check the file's permissions")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return "", Problem(f"{where}:{line}", f"the draft is not UTF-8 (byte {raw[exc.start]:#04x})",
                           "save index.md as UTF-8")


def _draft_problem(exc: DraftError, where: str) -> Problem:
    """A parse error already says 'index.md:LINE: what'; keep that place as the problem's."""
    place, sep, what = str(exc).partition(": ")
    if sep and place.startswith(where):
        return Problem(place, what, exc.fix)
    return Problem(where, str(exc), exc.fix)


def list_issue_ids(drafts: Path) -> list[str]:
    if not drafts.is_dir():
        return []
    return sorted(p.name for p in drafts.iterdir() if (p / "index.md").is_file())


def _load_assets(folder: Path, document: m.Document, covers: list[tuple[str, int]], where: str,
                 ) -> tuple[dict[str, m.Asset], list[Problem]]:
    """Every image the body and the front matter's covers (the issue's and each channel's) name."""
    assets: dict[str, m.Asset] = {}
    problems: list[Problem] = []
    refs = [(img.src, img.line) for img in m.all_images(document)] + covers
    for src, line in refs:
        if src in assets:
            continue
        asset, problem = load_asset(folder, src, f"{where}:{line}")
        if asset:
            assets[src] = asset
        if problem:
            problems.append(problem)
    return assets, problems


def load_asset(folder: Path, src: str, where: str) -> tuple[m.Asset | None, Problem | None]:
    """Resolve one image reference inside the draft folder and read what the channels need of it."""
    parsed = urlparse(src)
    if parsed.scheme or src.startswith("//"):
        return None, Problem(where, f"image '{src}' is not a local file",
                             "download it into the draft folder and reference it by a relative path")
    relative = unquote(parsed.path)
    if not relative or relative.startswith("/"):
        return None, Problem(where, f"image path '{src}' is absolute",
                             "use a path relative to index.md, e.g. images/cover.png")
    root = folder.resolve()
    path = (folder / relative).resolve()
    if not path.is_relative_to(root):
        return None, Problem(where, f"image path '{src}' points outside the draft folder",
                             "copy the image into the draft folder")
    if not path.is_file():
        return None, Problem(where, f"image '{src}' does not exist", f"add the file at {_display(path)}")
    if long := next((part for part in PurePosixPath(relative).parts if len(part.encode()) > MAX_NAME_BYTES), None):
        return None, Problem(where, f"image name '{long[:40]}…' is {len(long.encode())} bytes long; the channels "
                             f"copy it under names of their own, which must stay within {MAX_NAME_BYTES}",
                             "rename the file (and its reference) shorter")
    return _read_image(src, path, where)


def _read_image(src: str, path: Path, where: str) -> tuple[m.Asset | None, Problem | None]:
    """Hash the file by streaming it (never all of it in memory), then read its header; decode it only once."""
    try:
        with path.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
            size = os.fstat(handle.fileno()).st_size
            handle.seek(0)
            fmt, width, height = _known_header(sha256) or _decode(handle, sha256)
    except _BadImage as exc:
        return None, exc.problem(src, where)
    except _TooLarge as exc:
        return None, Problem(where, f"image '{src}' is {exc}, more than the {MAX_PIXELS // 1_000_000} megapixels "
                             "allowed", "scale it down (no channel shows more than a few megapixels)")
    except OSError as exc:
        return None, Problem(where, f"cannot read image '{src}' ({exc.__class__.__name__})",
                             "check the file's permissions")
    mime = IMAGE_MIME.get(fmt or "")
    if mime is None:
        return None, Problem(where, f"image '{src}' is {fmt}, which no channel accepts",
                             "save it as PNG, JPEG, GIF or WebP")
    return m.Asset(src=src, path=path, sha256=sha256, size=size, mime=mime, width=width, height=height), None


class _BadImage(Exception):
    """Pillow cannot identify the file (``cause`` None), or its data is truncated or corrupt."""

    def __init__(self, cause: BaseException | None = None):
        self.cause = cause

    def problem(self, src: str, where: str) -> Problem:
        if self.cause is None:
            return Problem(where, f"'{src}' is not an image Pillow can read", "save it as PNG, JPEG, GIF or WebP")
        return Problem(where, f"image '{src}' is truncated or corrupt ({_brief(self.cause)})",
                       "export the image again from its source, then check that it opens")


class _TooLarge(Exception):
    pass


def _known_header(sha256: str) -> tuple[str, int, int] | None:
    """Format and size of bytes decoded before, from the decode cache (Pillow is not even imported)."""
    entry = _decoded().get(sha256)
    try:
        fmt, width, height = (entry or b"").decode("ascii").split()
        return fmt, int(width), int(height)
    except ValueError:
        return None  # not seen, or an entry from before it held the header: Pillow reads it


def _decode(handle: BinaryIO, sha256: str) -> tuple[str, int, int]:
    """Pillow's reading of the image: its header (opened lazily) and, once per content, all of it under a
    pixel limit (a sound header over truncated pixels is not an image); Pillow's errors as ``_BadImage``."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            return _open_and_decode(PILImage, handle, sha256)
    except UnidentifiedImageError:
        raise _BadImage() from None
    except (SyntaxError, ValueError, PILImage.DecompressionBombError) as exc:
        raise _BadImage(exc) from None
    except OSError as exc:
        if exc.filename is None and exc.errno is None:  # Pillow's own: truncated or broken image data
            raise _BadImage(exc) from None
        raise


def _open_and_decode(pil: Any, handle: BinaryIO, sha256: str) -> tuple[str, int, int]:
    """Decoding costs ~10 ms per megapixel, so the fact that bytes decode is remembered by their hash in the
    user's cache (never in the project), with their format and size: the same bytes decode the same way, a
    changed byte is a new hash. Only one image's pixels are ever in memory, only at its first decode."""
    try:
        opened = pil.open(handle)
    except pil.DecompressionBombError as exc:  # Pillow's own refusal at twice its limit
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise _TooLarge(f"{int(pixels.group(1)) / 1e6:.0f} megapixels" if pixels else "too large") from None
    with opened as img:
        width, height = img.size
        if width * height > MAX_PIXELS:
            raise _TooLarge(f"{width}×{height} pixels ({width * height / 1e6:.0f} megapixels)")
        decoded = _decoded()
        if not decoded.has(sha256):
            img.load()
        decoded.put(sha256, f"{img.format or ''} {width} {height}".encode("ascii"))
        return img.format or "", width, height


def _decoded() -> ContentCache:
    """Where "these bytes decode" is kept (with this Pillow and this pixel limit): "FORMAT WIDTH HEIGHT"."""
    from PIL import __version__ as pillow
    return ContentCache(f"decoded-images/pillow-{pillow}-{MAX_PIXELS}")


def _brief(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _display(path: Path) -> str:
    """The path, absolute (links are not followed): the pipeline shows it relative to the project root
    (``channel.shown_in``), whatever the working directory."""
    return os.path.abspath(path)
