"""admin/config.yml, admin/index.html and the bundle copy, as bytes from the settings.

Pure apart from reading the installed bundle: the collections come from the
content schemas (form.py), the choices from the settings, the backend from
CmsOptions. The same settings always give the same bytes.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Any, Mapping

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from siaran.schema import PAGE_FIELDS, RELEASE_FIELDS, REQUIRED_WITH, Context

from ppid.load import FOLDER as REGISTER_FOLDER
from ppid.schema import ATTACHMENT_FOLDER, REGISTER_FIELDS

from .form import ContentType, file_format, form_fields
from .messages import COLLECTIONS, MSG, PHRASES
from .options import CmsOptions

HERE = Path(__file__).resolve().parent
ADMIN = "admin"
BUNDLE_ENTRY = "decap-cms.js"
# From the bundle folder: the entry, its lazily loaded chunks and its licence notice. Left
# out: source maps, the second (`cms.js`) build, and the WebP encoder's WebAssembly, which
# Decap loads only when image conversion is configured (it is not, and the CSP forbids it).
BUNDLE_PATTERNS = ("decap-cms.js", "*.decap-cms.js", "decap-cms.js.LICENSE.txt")


def content_types(settings: Mapping[str, Any]) -> list[ContentType]:
    """Releases, pages and the register, each with the folder its settings name."""
    article_folder = (settings.get("ARTICLE_PATHS") or ["berita"])[0]
    page_folder = (settings.get("PAGE_PATHS") or ["halaman"])[0]
    types = [
        # Files as `invoke new` writes them: content/berita/<year of the date>/<slug>.md (Decap
        # takes the year from the date in UTC: docs/cms.md, known limits).
        ContentType("berita", article_folder, "{{year}}/{{slug}}", RELEASE_FIELDS,
                    dict(REQUIRED_WITH), media_folder="gambar/berita"),
        ContentType("halaman", page_folder, "{{slug}}", PAGE_FIELDS, media_folder="gambar"),
    ]
    if "ppid" in settings.get("PLUGINS", ()):     # the register exists only with its plugin
        types.append(ContentType("informasi-publik", REGISTER_FOLDER, "{{category}}/{{slug}}", REGISTER_FIELDS,
                                 media_folder=f"{ATTACHMENT_FOLDER}/{REGISTER_FOLDER}"))
    return types


def schema_context(settings: Mapping[str, Any]) -> Context:
    """The checks' Context for this build, so choices are the ones the checks accept."""
    return Context(content_root=Path(settings.get("PATH", "content")),
                   categories=tuple(settings.get("CATEGORIES", ())), units=tuple(settings.get("UNITS", ())),
                   settings=dict(settings))


def format_name(content: ContentType) -> str:
    return f"siaran-{content.name}"


def collection(content: ContentType, ctx: Context, content_dir: str) -> dict:
    plural, singular, description = COLLECTIONS[content.name]
    return {
        "name": content.name, "label": plural, "label_singular": singular, "description": description,
        "folder": f"{content_dir}/{content.folder}", "path": content.path, "slug": "{{slug}}",
        "extension": "md", "format": format_name(content), "create": True, "identifier_field": "title",
        "media_folder": f"/{content_dir}/{content.media_folder}", "public_folder": content.media_folder,
        "summary": "{{title}}", "sortable_fields": [name for name in ("date", "published", "title")
                                                    if name in content.schema],
        "fields": form_fields(content, ctx),
    }


def cms_config(settings: Mapping[str, Any], options: CmsOptions, types: list[ContentType] | None = None) -> dict:
    """Decap's configuration (config.yml) for these settings."""
    types = content_types(settings) if types is None else types
    ctx = schema_context(settings)
    content_dir = Path(settings.get("PATH", "content")).name
    backend = {"name": options.backend, "repo": options.repo, "branch": options.branch,
               **{key: options.auth[key] for key in sorted(options.auth)}}
    config: dict[str, Any] = {"backend": backend}
    if options.workflow:
        config["publish_mode"] = "editorial_workflow"
    if options.local_backend:
        config["local_backend"] = (True if options.local_backend is True
                                   else {"url": f"{options.local_backend.rstrip('/')}/api/v1"})
    siteurl = settings.get("SITEURL", "")
    config.update({
        "locale": "id",
        "site_url": siteurl or "/", "display_url": siteurl or "/",
        "logo_url": f"../{settings['SITE_LOGO']}" if settings.get("SITE_LOGO") else None,
        "media_folder": f"{content_dir}/gambar", "public_folder": "gambar",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(content, ctx, content_dir) for content in types],
    })
    return {key: value for key, value in config.items() if value is not None}


def config_yml(config: dict) -> bytes:
    header = "# Made by the build (plugins/cms) from siaran/schema.py and the settings: do not edit.\n"
    return (header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)).encode("utf-8")


def csp(options: CmsOptions, header: bool = False) -> str:
    """The admin page's Content-Security-Policy: what Decap needs and no more.

    Decap styles itself with inline <style> elements (emotion) and compiles its
    config schema with `new Function` (ajv), so 'unsafe-inline' for styles and
    'unsafe-eval' for scripts; scripts still come only from this site. It talks
    to the Git host's API and login server (and, locally, decap-server), reads
    uploads back from blob: URLs and shows avatars from the host. `header=True`
    adds what only a response header can carry (a CDN's, see cloudfront_policy_for).
    """
    remote = " ".join(options.origins())
    directives = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        f"connect-src 'self' blob: {remote}".rstrip(),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


CDN_POLICY_NAME = "siaran-cms-headers"


def cloudfront_policy_for(settings: Mapping[str, Any], name: str = CDN_POLICY_NAME) -> dict:
    """The CloudFront response headers policy for the `admin/*` behaviour: the site's
    headers (siaran.deploy.cdn) with the CMS's policy, since the public pages' one would
    keep Decap from starting (docs/cms.md)."""
    from siaran.csp import REFERRER_POLICY
    from siaran.deploy.cdn import cloudfront_policy
    policy = cloudfront_policy(csp(CmsOptions.from_settings(settings), header=True), REFERRER_POLICY, name)
    policy["Comment"] = "Siaran: the CMS page's CSP (header form, plugins/cms), referrer policy, nosniff, no framing"
    return policy


def page_data(settings: Mapping[str, Any], types: list[ContentType], preview_words: Mapping[str, str]) -> dict:
    """What siaran-cms.js reads from the page: file formats, words, the portal CSS."""
    theme_dir = settings.get("THEME_STATIC_DIR", "theme")
    return {
        "formats": {format_name(content): file_format(content) for content in types},
        "phrases": PHRASES,
        "preview": {"css": f"../{theme_dir}/css/siaran.css", "collection": "berita", "words": dict(preview_words)},
    }


def index_html(settings: Mapping[str, Any], options: CmsOptions, data: dict) -> bytes:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    from siaran.csp import REFERRER_POLICY
    page = env.get_template("admin.html").render(
        title=f"{MSG['title']} – {settings.get('SITENAME', '')}", csp=csp(options), data=data,
        referrer=REFERRER_POLICY,
        favicon=f"../{settings['FEED_ICON']}" if settings.get("FEED_ICON") else None)
    return page.encode("utf-8")


def bundle_files(bundle: Path) -> dict[str, Path]:
    """admin/<name> → file in the installed bundle, sorted; empty when it is not installed."""
    if not (bundle / BUNDLE_ENTRY).is_file():
        return {}
    found = {}
    for name in sorted(os.listdir(bundle)):
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in BUNDLE_PATTERNS) and (bundle / name).is_file():
            found[f"{ADMIN}/{name}"] = bundle / name
    return found


OWN_FILES = (f"{ADMIN}/config.yml", f"{ADMIN}/index.html", f"{ADMIN}/siaran-cms.js")
"""What Siaran writes under admin/ beside the bundle."""


def admin_names(bundle: dict[str, Path]) -> list[str]:
    """The site-relative names admin_files() gives, known without making any."""
    return sorted([*bundle, *OWN_FILES])


def admin_files(settings: Mapping[str, Any], options: CmsOptions, bundle: dict[str, Path],
                preview_words: Mapping[str, str]) -> dict[str, bytes]:
    """Every file under admin/ for this build."""
    types = content_types(settings)
    config, page, script = OWN_FILES
    files = {name: path.read_bytes() for name, path in bundle.items()}
    files[config] = config_yml(cms_config(settings, options, types))
    files[page] = index_html(settings, options, page_data(settings, types, preview_words))
    files[script] = (HERE / "static" / "siaran-cms.js").read_bytes()
    return files
