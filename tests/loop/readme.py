"""The README's Quick start commands, read from the README itself (so a test runs exactly what a reader types)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def quick_start_commands() -> dict[str, str]:
    """{"1": first command, "2": second command}: the lines after '# 1.' and '# 2.' in the Quick start block."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    found = re.findall(r"^# (\d)\..*\n(.+)$", block, flags=re.MULTILINE)
    return {number: command.strip() for number, command in found}
