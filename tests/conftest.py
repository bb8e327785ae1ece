"""Shared pytest set-up: make `siaran` and the plugin folders importable the
way Pelican imports them (plugin name = folder name under plugins/)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "plugins"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
