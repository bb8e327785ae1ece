"""Writing generated files into the output folder, for every plugin.

One place checks that a name stays inside output/ (with Path.is_relative_to,
not a string prefix), so a hostile slug can never write elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path


class OutputPathError(ValueError):
    """A generated name would land outside the output folder."""


def write_output(root: Path | str, relative: str, data: bytes) -> Path:
    root = Path(root).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or target == root:
        raise OutputPathError(f"{relative!r} berada di luar folder output {root}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def write_all(root: Path | str, files: dict[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        write_output(root, name, data)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file in one step: a crash mid-write leaves a .tmp file, never a
    half-written one (caches and manifests rely on this)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
