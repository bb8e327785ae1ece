"""cms: a Git-based CMS at /admin/ (Decap CMS), its form made from the content schemas.

register() is the table of contents: one generator that writes admin/index.html,
admin/config.yml (config.py, form.py: pure), Siaran's additions
(static/siaran-cms.js) and the Decap bundle copied from node_modules/ (pinned
in package.json; never a CDN). Without the bundle installed the build goes on
without /admin/ and says so. `invoke cms` (local.py) runs it against the
working copy. See docs/cms.md.

The files are keyed for the incremental build (siaran.depmap): they are made
from the settings, the schemas, this plugin's files and the theme's words (the
plan's site part) and from the installed npm packages, never from content. So
an edit to a release links last build's admin/ from the store unread, and a
change to any of those inputs makes it again.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from siaran.contracts import output_store, plan_of
from siaran.depmap import file_key
from siaran.output import body_digest, run_aside, write_all

from .config import ADMIN, BUNDLE_ENTRY, admin_files, admin_names, bundle_files
from .messages import MSG
from .options import CmsOptions

logger = logging.getLogger("cms")


def preview_words(settings) -> dict[str, str]:
    """The theme's own words for the preview (theme/translations/<lang>.po)."""
    from humas_content.i18n import load_catalog
    catalog = Path(settings["THEME"]) / "translations" / f"{settings.get('DEFAULT_LANG', 'id')}.po"
    found = load_catalog(catalog) if catalog.is_file() else {}
    return {"writer": found.get("Writer", "Writer"), "topics": found.get("Topics", "Topics")}


class CmsGenerator(Generator):
    """Writes admin/ after the content generators; reads only the settings."""

    def generate_output(self, writer):
        options = CmsOptions.from_settings(self.settings)
        problems = options.problems()
        for problem in problems:
            logger.error("%s", problem)
        if problems:
            return
        project = Path(self.settings["PATH"]).resolve().parent
        bundle = bundle_files(project / options.bundle)
        if not bundle:
            # The full path: it says where `npm ci` must run, and Pelican's log filter
            # would drop the same line from a later build in this process (`serve`).
            logger.warning(MSG["bundle_missing"].format(bundle=project / options.bundle / BUNDLE_ENTRY))
            return
        if options.editorial_workflow and not options.workflow:
            logger.warning(MSG["no_workflow"].format(backend=options.backend, branch=options.branch))
        run_aside(writer, partial(write_admin, self.settings, self.output_path, options, bundle))


def write_admin(settings, output: str, options: CmsOptions, bundle: dict[str, Path]) -> None:
    """admin/ into the output: linked from the last build when its key is unchanged, else made."""
    plan = plan_of(settings)
    key = plan and file_key(plan.site, plan.packages, ADMIN)
    if plan and all(plan.reuse(name, key) for name in admin_names(bundle)):
        return
    files = admin_files(settings, options, bundle, preview_words(settings))
    write_all(output, files, output_store(settings))
    if plan:
        for name, data in files.items():
            plan.remember(name, key, body_digest(data))


def add_generator(pelican):
    return CmsGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
