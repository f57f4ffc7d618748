"""The command line in-process (typer's CliRunner), for tests where the separate process is not what is tested.

``leotalk(*args, env=...)`` runs ``leotalk ARGS`` with the environment ``env`` added to this process's own for
the length of the call, and hands back (exit status, stdout, stderr) as a finished process would.
"""

from __future__ import annotations

import subprocess

from typer.testing import CliRunner

from leotalk_publish.cli import app


def leotalk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``leotalk ARGS``, in this process; CI is set, as in a pipeline, so progress is plain lines."""
    result = CliRunner().invoke(app, list(args), env={"CI": "true", **(env or {})}, catch_exceptions=False)
    return subprocess.CompletedProcess(["leotalk", *args], result.exit_code, result.stdout, result.stderr)
