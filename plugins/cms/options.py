"""The CMS settings (CMS_* in pelicanconf.py / publishconf.py), one typed field each.

Which Git host the editors log in to, the repository and branch the CMS
commits to, whether saves go through the editorial workflow (a pull request
per release, approved before it is merged), and public login options. Secrets
never appear here: the OAuth client secret, if the host needs one, lives on
the OAuth server (docs/cms.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .messages import MSG


@dataclass(frozen=True)
class Backend:
    """What Siaran needs to know about one of Decap's Git backends."""

    api_root: str
    """Default API address (its origin goes into the admin page's connect-src)."""
    login_url: str
    """Default address the login popup or redirect goes to."""
    workflow: bool
    """Whether Decap offers the editorial workflow (pull requests) on it."""


BACKENDS: dict[str, Backend] = {
    "github": Backend("https://api.github.com", "https://api.netlify.com", workflow=True),
    "gitlab": Backend("https://gitlab.com/api/v4", "https://gitlab.com", workflow=True),
    "gitea": Backend("https://try.gitea.io/api/v1", "https://try.gitea.io", workflow=False),
    "forgejo": Backend("https://codeberg.org/api/v1", "https://codeberg.org", workflow=True),
}

# Public backend options a project may set in CMS_AUTH (Decap's names). A client id
# is public (it is sent to every browser); a client secret never belongs here.
AUTH_KEYS = ("api_root", "base_url", "auth_endpoint", "auth_type", "app_id", "auth_scope", "site_domain")
_SECRET_WORDS = ("secret", "token", "password", "key")


@dataclass(frozen=True)
class CmsOptions:
    backend: str = "github"
    """Decap backend: github, gitlab, gitea or forgejo."""
    repo: str = ""
    """owner/name of the content repository on that host."""
    branch: str = "main"
    """Branch the portal is published from; the CMS commits (or opens pull requests) to it."""
    editorial_workflow: bool = True
    """Draft → in review → ready: each release is a pull request until approved."""
    auth: Mapping[str, Any] = field(default_factory=dict)
    """Public login options merged into the backend (AUTH_KEYS), e.g. base_url of an OAuth server."""
    local_backend: bool | str = False
    """True: decap-server on its default port; a URL: that decap-server (`invoke cms` sets it)."""
    bundle: str = "node_modules/decap-cms/dist"
    """Folder of the installed decap-cms bundle, relative to the project (npm ci puts it there)."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CmsOptions:
        names = {"backend": "CMS_BACKEND", "repo": "CMS_REPO", "branch": "CMS_BRANCH",
                 "editorial_workflow": "CMS_EDITORIAL_WORKFLOW", "auth": "CMS_AUTH",
                 "local_backend": "CMS_LOCAL_BACKEND", "bundle": "CMS_BUNDLE"}
        return cls(**{attr: settings[key] for attr, key in names.items() if settings.get(key) is not None})

    def problems(self) -> list[str]:
        """Every settings mistake, as sentences for the build log."""
        found = []
        if self.backend not in BACKENDS:
            found.append(MSG["bad_backend"].format(got=self.backend, choices=", ".join(BACKENDS)))
        for key in sorted(self.auth):
            if any(word in key.lower() for word in _SECRET_WORDS):
                found.append(MSG["secret_setting"].format(key=key))
            elif key not in AUTH_KEYS:
                found.append(MSG["bad_auth_key"].format(key=key, choices=", ".join(AUTH_KEYS)))
        return found

    @property
    def workflow(self) -> bool:
        """The editorial workflow is on when asked for and the backend has one."""
        known = BACKENDS.get(self.backend)
        return self.editorial_workflow and known is not None and known.workflow

    def origins(self) -> list[str]:
        """Origins the CMS talks to: the host's API and login server, and a local decap-server."""
        known = BACKENDS.get(self.backend)
        found = [self.auth.get("api_root") or (known.api_root if known else ""),
                 self.auth.get("base_url") or (known.login_url if known else "")]
        if isinstance(self.local_backend, str):
            found.append(self.local_backend)
        elif self.local_backend:
            found.append("http://localhost:8081")
        return sorted({origin(url) for url in found if url})


def origin(url: str) -> str:
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
