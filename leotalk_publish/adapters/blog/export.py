"""The blog's export path (``--export``): the post and its images in the site's layout under
``export/blog/<issue>/``, ready to copy into a site by hand; the site itself is left alone."""

from __future__ import annotations

from pathlib import Path

from leotalk_publish.channel import PushContext, PushResult

from .push import site_files, write_if_changed
from .render import BlogRendition


def export_folder(ctx: PushContext, issue_id: str) -> Path:
    return ctx.project / "export" / "blog" / issue_id


def export_files(rendition: BlogRendition, ctx: PushContext) -> PushResult:
    """``export/blog/<issue>/``: the post and its images in the site's layout, ready to copy into a site."""
    folder = export_folder(ctx, rendition.issue_id)
    files = site_files(rendition)
    for rel, data in files.items():
        write_if_changed(folder / rel, data)
    for old in [p for p in folder.rglob("*") if p.is_file() and str(p.relative_to(folder)) not in files]:
        old.unlink()
    ctx.report(f"exported the post and {len(files) - 1} image(s) to {ctx.shown(folder)}")
    remote = {"export": ctx.shown(folder), "post": rendition.payload.post,
              "images": sorted(rendition.payload.images.values())}
    return PushResult("export", ctx.shown(folder / rendition.payload.post),
                      (f"copy {ctx.shown(folder)}/ into the site checkout to publish it by hand",), remote)


