"""Settings for the public build (`invoke publish`): the real domain, absolute URLs."""
import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = PUBLIC_SITEURL = os.environ.get("SITEURL", PUBLIC_SITEURL)  # noqa: F405
RELATIVE_URLS = False

# Drafts and scheduled releases are previewed locally only (`serve --preview`);
# the public build never writes them, and refuses to be a preview.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# The CMS at /admin/ (docs/cms.md): the Git host editors log in to (github, gitlab or gitea;
# forgejo too), the repository, and the branch the portal is published from. With the editorial
# workflow (pelicanconf.py) each release is a pull request to that branch until it is approved.
CMS_BACKEND = "github"
CMS_REPO = "brpkn/portal-humas"
CMS_BRANCH = "main"
# Public login options only, never a secret. GitHub: the address of the OAuth server that holds
# the OAuth app's secret, e.g. {"base_url": "https://oauth.brpkn.example"}. GitLab, Gitea: the
# browser logs in itself (PKCE), e.g. {"auth_type": "pkce", "app_id": "<client id>"}; a
# self-hosted instance adds "api_root" and "base_url". Examples in docs/cms.md.
CMS_AUTH = {}
CMS_LOCAL_BACKEND = False       # the public /admin/ never looks for a local decap-server
