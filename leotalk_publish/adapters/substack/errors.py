"""The Substack channel's errors. The ``ChannelError`` ones fail the push (exit 1) with their message;
``SchemaError`` is a bug of this channel (a document it wrote breaks Substack's schema), found in render.

    ChannelError
    ├── DraftNotFound         the draft is gone (deleted by hand on Substack)
    ├── SectionRequired       the publication has sections and the draft names none
    ├── UnexpectedAnswer      an answer in a shape this version does not know
    ├── RateLimited           429 through the whole waiting ladder
    ├── BlockedByCloudflare   Cloudflare refused the client's signature (error code 1010)
    └── Misdirected           a 3xx: not the publication's canonical host
    SchemaError (ValueError)  the ProseMirror document breaks the schema
"""

from __future__ import annotations

from leotalk_publish.errors import ChannelError


class DraftNotFound(ChannelError):
    """The draft is gone (deleted by hand on Substack)."""


class SectionRequired(ChannelError):
    """The publication has sections and the draft names none."""


class UnexpectedAnswer(ChannelError):
    """Substack answered in a shape this version does not know: its private API changed."""


class RateLimited(ChannelError):
    """Substack kept answering 429 through the whole waiting ladder: stop now, finish later."""


class BlockedByCloudflare(ChannelError):
    """Cloudflare's "error code: 1010": the client's signature was refused (not the cookie)."""


class Misdirected(ChannelError):
    """A 3xx: the call went to a host that is not the publication's canonical one."""


class SchemaError(ValueError):
    """A document Substack's editor would refuse or mangle."""
