"""Is this build one to publish on this target?  The build marker (`siaran.marker`) against what
the target expects (`DeployConfig.expected_build`, made from the `--settings` file).  The
comparison is pure (`refusals`); `accept_build` reads the marker and refuses, unless `--force`."""
from __future__ import annotations

import logging
from pathlib import Path

from siaran.marker import MARKER_PATH, BuildMarker, is_local_url, read_marker

from .messages import DeployError, message

log = logging.getLogger("siaran.deploy")


def _same_url(a: str, b: str) -> bool:
    return a.strip().rstrip("/") == b.strip().rstrip("/")


def refusals(marker: BuildMarker, expected: BuildMarker | None) -> list[str]:
    """Why `marker`'s build must not be published (Indonesian phrases, in a fixed order); [] when
    it may.  A development build (a SITEURL no reader can open, drafts written) is refused
    everywhere; with `expected`, so is a build for another SITEURL or with other settings."""
    reasons = []
    if is_local_url(marker.siteurl):
        reasons.append(message("refuse_local", siteurl=marker.siteurl or "''"))
    if marker.drafts:
        reasons.append(message("refuse_drafts", count=marker.drafts))
    if expected is not None and not _same_url(marker.siteurl, expected.siteurl):
        reasons.append(message("refuse_siteurl", got=marker.siteurl, want=expected.siteurl,
                               settings=expected.settings_file))
    elif expected is not None and marker.settings_digest != expected.settings_digest:
        reasons.append(message("refuse_settings", got=marker.settings_file, want=expected.settings_file))
    return reasons


def accept_build(output: Path, expected: BuildMarker | None, force: bool) -> BuildMarker | None:
    """The build's marker (None if it has none), once the build is accepted.  Refused with a
    DeployError before anything is read from or written to the bucket when the marker is
    missing, unreadable or names a reason; `force` logs the reason instead and goes on."""
    if not output.is_dir():
        raise DeployError("no_output", path=output)
    marker = None
    try:
        marker = read_marker(output)
    except ValueError as exc:
        refusal = DeployError("marker_unreadable", path=output / MARKER_PATH, detail=exc)
        reason = message("forced_unreadable")
    else:
        if marker is None:
            refusal = DeployError("marker_missing", output=output, path=MARKER_PATH)
            reason = message("forced_missing")
        else:
            reasons = refusals(marker, expected)
            if not reasons:
                return marker
            refusal = DeployError("not_for_publishing", output=output, reasons="; ".join(reasons))
            reason = "; ".join(reasons)
    if not force:
        raise refusal
    log.warning("%s", message("forced", reason=reason))
    return marker
