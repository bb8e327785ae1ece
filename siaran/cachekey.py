"""The CI cache key for `.cache/`: `python -m siaran.cachekey SCOPE` prints it for GitHub.

    key=siaran-publish-linux-py3.11-<digest>
    restore=siaran-publish-linux-py3.11-

GitHub's cache entries are immutable, so the key changes exactly when what the
build reads changes (content, theme, plugins, code, settings, pinned versions):
a scheduled run with nothing new restores the exact entry and saves nothing; a
run after a merge restores the newest entry of its scope (`restore`) and saves a
new one. The digest comes from Git's index (`git ls-files -s`: mode, blob hash
and path of each tracked file), so a site with gigabytes of photos is keyed
without reading them.

The scope keeps caches apart: the publish job loads pickles from `.cache/`, so
it must never restore an entry a pull request could have written (the check
job uses the scope `check`, and GitHub also keeps a pull request's entries in
its own branch scope). docs/publishing.md explains it.
"""
from __future__ import annotations

import hashlib
import platform
import subprocess
import sys
from pathlib import Path

#: What the build reads; anything else in the repository (docs, tests, CI files) does not touch .cache/.
INPUTS = ("content", "theme", "plugins", "siaran", "pelicanconf.py", "publishconf.py", "pyproject.toml", "tasks.py")
SCOPES = ("publish", "check")


def prefix(scope: str) -> str:
    """Everything but the digest: the restore prefix of one scope on this OS and Python."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    return f"siaran-{scope}-{platform.system().lower()}-py{sys.version_info[0]}.{sys.version_info[1]}-"


def inputs_digest(project: Path) -> str:
    """Digest of Git's index entries for the build's inputs (the working tree as staged)."""
    listing = subprocess.run(["git", "ls-files", "-s", "-z", "--", *INPUTS], cwd=project,
                             capture_output=True, check=True).stdout
    return hashlib.sha256(listing).hexdigest()[:24]


def cache_key(project: Path, scope: str) -> str:
    return prefix(scope) + inputs_digest(project)


def main(argv: list[str]) -> int:
    scope = argv[0] if argv else "publish"
    project = Path.cwd()
    try:
        key = cache_key(project, scope)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"cachekey: git ls-files failed in {project}: {error}", file=sys.stderr)
        return 1
    print(f"key={key}")
    print(f"restore={prefix(scope)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
