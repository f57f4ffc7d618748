"""What the account already holds: one registry per AppID across every issue (``ledger.AssetRegistry``).

Body images (table ``uploads``: the mmbiz address) and covers (table ``covers``: the permanent material's
``media_id``) are keyed by the image's content hash, so the same bytes go up once per account whichever
issue uses them. Ledgers written before the registry kept a per-issue table keyed ``<appid>:<sha256>``:
those entries are still read, so nothing they recorded is uploaded again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leotalk_publish.ledger import AssetRegistry, ChannelState
from leotalk_publish.model import Asset


def cache_key(account: str, asset: Asset) -> str:
    """The key of the old per-issue tables."""
    return f"{account}:{asset.sha256}"


class AccountAssets:
    """The account's registry, with the issue's old per-issue tables behind it (read only)."""

    def __init__(self, ledger_root: Path, account: str, state: ChannelState):
        self.registry = AssetRegistry(ledger_root, "wechat", account)
        self.account, self.state = account, state

    def lookup(self, table: str, asset: Asset) -> Any:
        return self.registry.lookup(table, asset.sha256) or self.state.lookup(table, cache_key(self.account, asset))

    def record(self, table: str, asset: Asset, value: dict[str, Any]) -> None:
        self.registry.record(table, asset.sha256, value)

    def missing(self, assets: list[Asset], table: str = "uploads") -> list[Asset]:
        """The assets the account does not hold yet, one per distinct content."""
        unique = {a.sha256: a for a in assets}
        return [a for a in unique.values() if self.lookup(table, a) is None]
