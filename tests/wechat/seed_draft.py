"""The real seed issue as a draft the core can load: its Jekyll figure blocks become Markdown images with
placeholder PNGs, and the front matter keys only the Jekyll theme knows are left out."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from leotalk_publish.frontmatter import KNOWN_KEYS, split_front_matter
from tests.conftest import write_png

_FIGURE = re.compile(
    r"(?:<div[^>]*>\s*){4}\{%\s*include figure\.liquid[^%]*?path=\"([^\"]+)\"[^%]*%\}\s*(?:</div>\s*){4}")


def seed_as_draft(seed_text: str, folder: Path, size: tuple[int, int] = (1080, 720)) -> Path:
    """Write ``folder/index.md`` and one placeholder image per figure of the seed; return the folder."""
    yaml_text, body, _ = split_front_matter(seed_text)
    meta = {k: v for k, v in yaml.safe_load(yaml_text).items() if k in KNOWN_KEYS}
    names: list[str] = []

    def figure(match: re.Match[str]) -> str:
        names.append(f"images/{len(names) + 1:02d}-{Path(match.group(1)).stem}.png")
        return f"\n\n![]({names[-1]})\n\n"

    body = _FIGURE.sub(figure, body)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    for i, name in enumerate(names):
        write_png(folder / name, size=size, color=f"#{i * 37 % 256:02x}{i * 91 % 256:02x}{i * 53 % 256:02x}")
    return folder
