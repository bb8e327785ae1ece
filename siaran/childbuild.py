"""The build as a child process whose environment holds no credentials (`invoke publish`).

The publish job holds the storage credentials, and everything under `content/` is untrusted: a
Markdown file, a plugin's check or a template bug that reads the environment must find nothing
worth stealing.  So `publish` builds in a child started with `credential_free(os.environ)` and
deploys in the parent, which alone keeps the credentials.  `python -m siaran.childbuild SETTINGS
OUTPUT [NOW]` is that child: it builds, prints what `invoke build` prints, and exits 0 or 1.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from siaran.dates import INPUT_FORMAT, to_jakarta

SENSITIVE = re.compile(
    r"^(AWS_|AMAZON_|RCLONE_CONFIG_|AZURE_|CLOUDSDK_|ALIBABA_CLOUD_|TENCENTCLOUD_|VAULT_)"
    r"|SECRET|TOKEN|JWT|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|CONNECTION_STRING"
    r"|(^|_)AUTH(_|$)|(^|_)KEY(_ID)?$",
    re.IGNORECASE,
)
"""Variables the build never gets: every AWS_* (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_WEB_IDENTITY_TOKEN_FILE,
AWS_CONTAINER_CREDENTIALS_*), rclone remotes and other clouds' credential settings, and any name
that says it holds a secret, token, JWT, password, credential, key or auth (GITHUB_TOKEN, GitHub's
ACTIONS_ID_TOKEN_REQUEST_* that can be exchanged for cloud credentials, GitLab's CI_JOB_TOKEN,
SSH_AUTH_SOCK, MINIO_ROOT_PASSWORD, B2_APPLICATION_KEY).  A settings file must not read any of
these: the build cannot see them."""


def credential_free(environ: dict[str, str]) -> dict[str, str]:
    """`environ` without the variables SENSITIVE names."""
    return {name: value for name, value in environ.items() if not SENSITIVE.search(name)}


def build_in_child(settings: Path | str, output: Path | str, now: datetime | None = None) -> int:
    """Run the build in a child process without credentials; its output goes to ours.  Returns
    the child's exit status (0: built and swapped into `output`). `now` is the moment the parent
    read (siaran.schedule), handed on so parent and child agree on what is due."""
    argv = [sys.executable, "-m", "siaran.childbuild", str(settings), str(output)]
    if now is not None:
        argv.append(f"{to_jakarta(now):{INPUT_FORMAT}}")
    return subprocess.run(argv, env=credential_free(dict(os.environ)), check=False).returncode


def main(argv: list[str]) -> int:
    from siaran.build import build_site

    settings, output, *now = argv
    summary = build_site(settings, output, now=now[0] if now else None)
    for line in [*map(str, summary.problems), *summary.log_errors]:
        print(line, file=sys.stderr)
    print(summary, file=sys.stdout if summary.ok else sys.stderr)
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
