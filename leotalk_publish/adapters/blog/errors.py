"""The blog channel's errors. Each is a ``ChannelError`` (exit 1): the push failed, and what was done before
it is in the ledger, so the same command run again finishes the job.

    ChannelError
    ├── GitError        a git command in the site failed, or the checkout is in a state git cannot push from
    ├── SiteBusy        another publish or a running git holds the site
    └── OutsideSite     a path (from the ledger) that is not one of the blog's own files in the site
"""

from __future__ import annotations

from leotalk_publish.errors import ChannelError


class GitError(ChannelError):
    """git failed in the site (its message masked), or the checkout is not on a branch, or the remote moved."""


class SiteBusy(ChannelError):
    """The site's lock is held by another publish, or git's own ``index.lock`` by a running git."""


class OutsideSite(ChannelError):
    """A write outside the site's posts and images folders was asked for: refused."""
