"""The ledger's upload cache: one entry per image content and account (AppID)."""

from __future__ import annotations

from leotalk_publish.ledger import ChannelState
from leotalk_publish.model import Asset


def cache_key(account: str, asset: Asset) -> str:
    return f"{account}:{asset.sha256}"


def missing(assets: list[Asset], state: ChannelState, account: str, table: str = "uploads") -> list[Asset]:
    """The assets with no upload recorded for this account, one per distinct content."""
    unique = {a.sha256: a for a in assets}
    return [a for a in unique.values() if state.lookup(table, cache_key(account, a)) is None]
