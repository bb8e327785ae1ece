"""Pelican settings for the demo portal (settings only; logic lives in siaran/ and plugins/)."""

SITENAME = "Humas Badan Riset Pesisir dan Kelautan Nusantara"
SITE_SHORTNAME = "BRPKN"
SITE_DESCRIPTION = ("Portal berita dan informasi publik Badan Riset Pesisir dan Kelautan Nusantara "
                    "(lembaga fiktif untuk demo Siaran).")
SITEURL = "http://127.0.0.1:8000"
# The public site (publishconf.py's SITEURL): social texts link it in every build,
# this preview included, since they are posted for the public.
PUBLIC_SITEURL = "https://humas.brpkn.example"
SITE_DOMAIN = "humas.brpkn.example"
SITE_LOGO = "theme/img/logo.png"
SITE_HASHTAGS = ["BRPKN", "PesisirNusantara"]
PUBLISHER = {"name": "Badan Riset Pesisir dan Kelautan Nusantara", "type": "GovernmentOrganization"}
CONTACT = {"address": "Jalan Dermaga Biru No. 12, Kota Tanjung Harapan 20111",
           "phone": "(021) 555-0142", "email": "humas@brpkn.example"}

PATH = "content"
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["halaman"]
STATIC_PATHS = ["gambar", "dokumen"]
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
THEME = "theme"
THEME_STATIC_DIR = "theme"
PLUGIN_PATHS = ["plugins"]
# Processes a build (and serve) uses, decided once per build (siaran.executor); None = every core.
BUILD_WORKERS = None
PLUGINS = ["reader_cache", "read_model", "linear_listings", "sanitize", "schedule", "humas_content", "site_index", "feeds", "social",
           "published_files", "parallel_write", "search"]

# Photos a page shows are also published in these widths (never wider than the photo; its own
# width always) in AVIF and WebP with a JPEG fallback, and offered with <picture>/srcset
# (plugins/published_files, siaran/renditions.py). False: pages show each photo itself.
PHOTO_RENDITIONS = True
PHOTO_WIDTHS = [360, 720, 1080]

# Hosts whose https pages a body may embed in an <iframe> (sandboxed, lazy);
# any other iframe, script, event handler or javascript: link is removed
# (siaran/sanitize.py; docs/security.md).
EMBED_HOSTS = ["www.youtube-nocookie.com"]

# Release categories editors may use (front matter `category`).
CATEGORIES = ["Berita Utama", "Siaran Pers", "Pengumuman", "Artikel"]
# Publishing units a release may name (front matter `unit`; a list in the CMS form).
# Empty: any text is accepted.
UNITS = ["Biro Hukum dan Humas", "Biro Perencanaan dan Keuangan", "Biro Umum", "Inspektorat",
         "Pusat Data dan Informasi", "Direktorat Konservasi Pesisir",
         "Balai Riset Kelautan Wilayah Timur", "Balai Riset Mangrove Wilayah Barat"]
HEADLINE_CATEGORY = "Berita Utama"
RELATED_LIMIT = 4
# A dateline the editor wrote into the body ('WARTAPESISIR,TANJUNG HARAPAN– …') is shown
# in the house form 'Tanjung Harapan (25/11) – ' (False), or in its own words (True).
# Either way the page and the feeds show exactly one (docs/content-model.md).
DATELINE_KEEP_ORIGINAL = False
HOME_LATEST = 6
HOME_PER_CATEGORY = 3

# Folder URLs (served as index.html by object-storage website hosting).
ARTICLE_URL = "berita/{date:%Y}/{date:%m}/{slug}/"   # = siaran.contracts.RELEASE_URL (a test keeps them equal)
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
# Drafts and scheduled releases are written only by a preview build (`serve --preview`),
# each with its banner; any other build leaves them out (plugins/schedule, docs/publishing.md).
DRAFT_URL = "draf/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_PAGE_URL = "draf/halaman/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
# Pelican's own embargo compares dates with the wall clock when it reads a file;
# Siaran decides with the build's --now instead (siaran.schedule), so this stays True.
WITH_FUTURE_DATES = True
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "kategori/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "topik/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "topik/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_SAVE_AS = ""
UNIT_URL = "unit/{slug}/"
UNIT_SAVE_AS = UNIT_URL + "index.html"
UNITS_URL = "unit/"
UNITS_SAVE_AS = UNITS_URL + "index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "arsip/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "arsip/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
SEARCH_URL = "cari/"                # the search page (theme/templates/search.html, siaran/search.py)
SEARCH_SAVE_AS = SEARCH_URL + "index.html"
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "search"]
INDEX_SAVE_AS = "index.html"
SLUGIFY_SOURCE = "title"

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"tag": None, "category": None, "author": None, "unit": None,
                       "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
)
SUMMARY_MAX_LENGTH = None
SUMMARY_MAX_PARAGRAPHS = 1

# Pelican's own feed writer is off: plugins/feeds writes them with feedgen.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

RELATIVE_URLS = False
READERS = {"rst": None, "htm": None, "html": None}  # Markdown only: one documented form
# Pelican's reader cache (Markdown → HTML), fresh by content hash, never mtime;
# siaran.build puts it in a folder named by a digest of the settings.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"
# Saved whenever a file was read afresh (an edit): gzip of every release costs more than
# the disk it saves, on the serial path of each incremental build.
GZIP_CACHE = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {"smart_angled_quotes": False},
        "siaran.markup": {},   # table alignment as classes, not inline styles (CSP)
    },
    "output_format": "html5",
}

# Feeds (plugins/feeds; layout and id scheme in docs/feeds.md) ------------------
FEED_LIMIT = 30                    # newest releases per feed (site, category, tag, unit)
FEEDS_PAGE_URL = "feeds/"          # human-readable list of every feed
FEED_ICON = "theme/img/favicon.png"    # small square icon (Atom icon, JSON favicon)
FEED_LOGO = "theme/img/logo.png"       # logo (RSS image, Atom logo, JSON icon)
FEED_ID_YEAR = 2026                # year in the feeds' tag: ids (tag:SITE_DOMAIN,YEAR:...); never change
WEBSUB_HUB = None                  # e.g. "https://pubsubhubbub.appspot.com/" in publishconf.py
NEWS_PUBLICATION_NAME = SITENAME   # news:publication/news:name in news-sitemap.xml
EXTRA_SITEMAPS = [*globals().get("EXTRA_SITEMAPS", ()), "news-sitemap.xml"]   # listed in robots.txt

# PPID
# The public information register (plugins/ppid, docs/ppid.md): content/informasi-publik/,
# attachments under content/dokumen/ (already in STATIC_PATHS, copied by Pelican).
PLUGINS = [*PLUGINS, "ppid"]
PPID_BASE_URL = "informasi-publik/"
# "Today" for the six-month rule on berkala items, e.g. "2026-12-31"; None = the newest
# release or register date in the content (never the wall clock: same content, same output).
PPID_REFERENCE_DATE = None
PPID_EMAIL = "ppid@brpkn.example"   # contact point in katalog.json (else CONTACT["email"])
MENU_EXTRA = [("Public information", "informasi-publik/")]
EXTRA_SITEMAPS = [*globals().get("EXTRA_SITEMAPS", []), "informasi-publik/sitemap.xml"]

# CMS
# A Git-based CMS at /admin/ (plugins/cms, docs/cms.md): Decap CMS copied from node_modules/
# (`npm ci`), its form made from siaran/schema.py and these settings. The Git host, repository
# and branch editors publish to are in publishconf.py.
PLUGINS = [*PLUGINS, "cms"]
CMS_EDITORIAL_WORKFLOW = True   # draft → in review → ready: each release a pull request until approved
CMS_LOCAL_BACKEND = True        # opened on 127.0.0.1, the CMS edits this working copy (`invoke cms`)
