"""The seed post placed in an old site checkout with placeholder images, then imported as a draft."""

from __future__ import annotations

import re
from pathlib import Path

from leotalk_publish.adapters.blog.importer import ImportResult, import_post
from tests.conftest import write_png

SEED_NAME = "leotalk-ai-weekly-1.md"


def seed_image_paths(seed_text: str) -> list[str]:
    return re.findall(r'path="(/assets/img/[^"]+)"', seed_text)


def old_site_with_seed(root: Path, seed_text: str) -> Path:
    """``root/_posts/<seed>`` plus a placeholder image at every path the seed shows; return the post."""
    post = root / "_posts" / SEED_NAME
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(seed_text, encoding="utf-8")
    for i, path in enumerate(seed_image_paths(seed_text)):
        write_png(root / path.lstrip("/"), size=(32 + i, 24))
    return post


def import_seed(project: Path, seed_text: str, issue_id: str = "seed") -> ImportResult:
    post = old_site_with_seed(project / "old-site", seed_text)
    return import_post(post, project / "drafts", issue_id)
