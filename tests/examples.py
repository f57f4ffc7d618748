"""How many examples a property test runs: its own figure, scaled by the Hypothesis profile in use.

``ci`` (the default, see ``tests/conftest.py``) runs a tenth of each test's figure, deterministically;
``thorough`` (``HYPOTHESIS_PROFILE=thorough``) runs each figure in full, three times over.
"""

from __future__ import annotations

import os

SCALE = {"ci": 0.1, "thorough": 3.0}


def examples(wanted: int) -> int:
    """``wanted`` scaled by the profile in use, never fewer than 10."""
    return max(10, int(wanted * SCALE.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), 1.0)))
