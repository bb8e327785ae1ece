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
