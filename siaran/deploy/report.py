"""The deploy summary: one object, printed as one line and optionally written as JSON."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from siaran.text import human_size

from .messages import message


@dataclass(frozen=True)
class DeploySummary:
    uploaded: int
    """Objects uploaded, redirects included (the manifest is not counted)."""
    unchanged: int
    """Objects already in the bucket with the same bytes and headers."""
    deleted: int
    """Objects an earlier deploy uploaded that the site no longer has."""
    kept: int
    """Objects under the target that neither the site nor the previous manifest names: another
    site's, `.well-known/`, a verification file; never deleted."""
    redirected: int
    """Redirect objects among `uploaded`."""
    bytes: int
    """Body bytes sent (after compression)."""
    seconds: float
    dry_run: bool = False

    def to_json(self) -> str:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return json.dumps(data, sort_keys=True, indent=1) + "\n"

    def __str__(self) -> str:
        line = message("summary", uploaded=self.uploaded, unchanged=self.unchanged, deleted=self.deleted,
                       kept=self.kept, redirected=self.redirected, size=human_size(self.bytes), seconds=self.seconds)
        return f"[dry-run] {line}" if self.dry_run else line
