"""Walks every HTML file of the built sample site (the shared `built_site` fixture):
well-formed markup, unique ids, every internal href/src resolving to a file of the
output (folder URLs → index.html), every image present and readable."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from PIL import Image

from siaran.build import load_settings

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes holding one URL, and the tags they are checked on.
URL_ATTRIBUTES = {"href": {"a", "link", "area", "base"}, "src": {"img", "script", "source", "iframe", "audio",
                                                                 "video", "track", "embed", "input"},
                  "poster": {"video"}, "action": {"form"}, "data": {"object"}}
URL_META = {"og:image", "og:url", "twitter:image", "og:image:secure_url"}
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "headers", "list")
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "sms", "geo"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico"}


@dataclass
class Page:
    """What one HTML file says about itself, collected in one pass."""
    name: str                                        # path inside the output, e.g. berita/…/index.html
    problems: list[str] = field(default_factory=list)
    ids: Counter = field(default_factory=Counter)
    id_refs: list[tuple[str, str]] = field(default_factory=list)   # (attribute, id)
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url)
    images: list[str] = field(default_factory=list)


class Walker(HTMLParser):
    """Strict structural check with the standard library's tokenizer: every
    non-void element closed in order, no stray end tags, no duplicate attributes."""

    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.stack = page, []

    def where(self) -> str:
        return f"{self.page.name}:{self.getpos()[0]}"

    def handle_starttag(self, tag, attrs):
        self.visit(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self.visit(tag, attrs)
        foreign = any(open_tag in ("svg", "math") for open_tag, _ in self.stack)
        if tag not in VOID and not foreign:
            self.page.problems.append(f"{self.where()}: <{tag}/> is not a void element; write <{tag}></{tag}>")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.page.problems.append(f"{self.where()}: end tag </{tag}> for a void element")
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            self.page.problems.append(f"{self.where()}: stray end tag </{tag}>")
            return
        while self.stack:
            open_tag, line = self.stack.pop()
            if open_tag == tag:
                break
            self.page.problems.append(f"{self.page.name}:{line}: <{open_tag}> not closed before </{tag}> "
                                      f"(line {self.getpos()[0]})")

    def close(self):
        super().close()
        for tag, line in self.stack:
            self.page.problems.append(f"{self.page.name}:{line}: <{tag}> never closed")
        self.stack = []

    def visit(self, tag, attrs):
        names = [name for name, _ in attrs]
        for name, count in Counter(names).items():
            if count > 1:
                self.page.problems.append(f"{self.where()}: <{tag}> has attribute {name!r} {count} times")
        values = {name: value for name, value in attrs}
        if values.get("id") is not None:
            self.page.ids[values["id"]] += 1
            if not values["id"].strip() or re.search(r"\s", values["id"]):
                self.page.problems.append(f"{self.where()}: <{tag}> id {values['id']!r} is empty or has spaces")
        for name in ID_REFERENCES:
            if values.get(name):
                self.page.id_refs += [(name, ref) for ref in values[name].split()]
        for name, tags in URL_ATTRIBUTES.items():
            if tag in tags and values.get(name) is not None:
                self.page.urls.append((tag, name, values[name]))
        candidates = [c.split()[0] for name in ("srcset", "imagesrcset")
                      for c in (values.get(name) or "").split(",") if c.strip()]
        self.page.urls += [(tag, "srcset", url) for url in candidates]
        meta = values.get("property") or values.get("name") or ""
        if tag == "meta" and meta in URL_META and values.get("content"):
            self.page.urls.append((tag, meta, values["content"]))
        if tag == "img":
            if values.get("src"):
                self.page.images.append(values["src"])
            else:
                self.page.problems.append(f"{self.where()}: <img> without src")
        if tag in ("img", "source"):
            self.page.images += candidates
        if tag == "meta" and meta.endswith(":image") and values.get("content"):
            self.page.images.append(values["content"])


def read_page(name: str, text: str) -> Page:
    page = Page(name)
    walker = Walker(page)
    walker.feed(text)
    walker.close()
    if not text.lstrip().lower().startswith("<!doctype html>"):
        page.problems.append(f"{name}:1: does not start with <!doctype html>")
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except Exception as error:  # lxml raises ParserError/XMLSyntaxError on unusable input
        page.problems.append(f"{name}: lxml cannot parse it: {error}")
    else:
        # Older libxml2 flags HTML5 elements (nav, main, time…) as "invalid": not our problem.
        page.problems += [f"{name}:{e.line}: lxml: {e.message.strip()}" for e in parser.error_log
                          if not re.fullmatch(r"Tag \S+ invalid", e.message.strip())]
        if root.tag != "html" or root.find("head") is None or root.find("body") is None:
            page.problems.append(f"{name}: no <html> with <head> and <body>")
        elif not (root.findtext("head/title") or "").strip():
            page.problems.append(f"{name}: empty or missing <title>")
        if len(root.findall("head/title")) > 1:
            page.problems.append(f"{name}: more than one <title>")
    for ident, count in page.ids.items():
        if count > 1:
            page.problems.append(f"{name}: id {ident!r} used {count} times")
    for attribute, ident in page.id_refs:
        if ident not in page.ids:
            page.problems.append(f"{name}: {attribute}={ident!r} refers to no element")
    return page


class Output:
    """The built folder plus the site's own origin, to tell internal URLs from external ones."""

    def __init__(self, folder: Path, siteurl: str) -> None:
        self.folder, self.siteurl = folder, siteurl.rstrip("/")
        origin = urlsplit(self.siteurl)
        self.origin, self.base_path = (origin.scheme, origin.netloc), origin.path.rstrip("/")

    @cached_property
    def pages(self) -> dict[str, Page]:
        return {p.relative_to(self.folder).as_posix(): read_page(p.relative_to(self.folder).as_posix(),
                                                                 p.read_text(encoding="utf-8"))
                for p in sorted(self.folder.rglob("*.html"))}

    def page_url(self, name: str) -> str:
        path = name[: -len("index.html")] if name.endswith("index.html") else name
        return f"{self.siteurl}/{path}"

    def resolve(self, base: str, url: str) -> tuple[str, str] | None:
        """(file inside the output, fragment) for an internal URL, None for an external
        or non-HTTP one. Raises ValueError for internal URLs that cannot be a file."""
        if urlsplit(url).scheme in SKIP_SCHEMES:
            return None
        full = urlsplit(urljoin(base, url.strip()))
        if (full.scheme, full.netloc) != self.origin:
            return None
        path = unquote(full.path)
        if not path.startswith(self.base_path + "/") and path != self.base_path:
            raise ValueError("outside the site's path")
        inner = path[len(self.base_path):].lstrip("/")
        if ".." in PurePosixPath(inner).parts:
            raise ValueError("climbs out of the site")
        if inner == "" or inner.endswith("/"):
            inner += "index.html"
        return inner, full.fragment

    def broken_links(self, pages: dict[str, Page] | None = None) -> list[str]:
        broken = []
        for name, page in (pages or self.pages).items():
            base = self.page_url(name)
            for tag, attribute, url in page.urls:
                here = f"{name}: <{tag} {attribute}={url!r}>"
                if url.strip() == "":
                    broken.append(f"{here}: empty URL")
                    continue
                if url.startswith("#"):
                    if url[1:] and unquote(url[1:]) not in page.ids:
                        broken.append(f"{here}: no element with this id on the page")
                    continue
                try:
                    target = self.resolve(base, url)
                except ValueError as error:
                    broken.append(f"{here}: {error}")
                    continue
                if target is None:
                    continue
                file, fragment = target
                if not (self.folder / file).is_file():
                    hint = " (a folder URL must end in '/')" if (self.folder / file).is_dir() else ""
                    broken.append(f"{here}: {file} is not in the output{hint}")
                elif fragment and file.endswith(".html"):
                    other = (pages or self.pages).get(file) or read_page(file, (self.folder / file).read_text("utf-8"))
                    if unquote(fragment) not in other.ids:
                        broken.append(f"{here}: {file} has no element with id {fragment!r}")
        return broken


@pytest.fixture(scope="module")
def output(built_site) -> Output:
    siteurl = load_settings(built_site.project / "pelicanconf.py")["SITEURL"]
    return Output(built_site.output, siteurl)


# --- the built site ---------------------------------------------------------------------------

def test_the_walk_covers_every_page_type(output):
    names = set(output.pages)
    assert {"index.html", "404.html", "arsip/index.html", "kategori/index.html"} <= names
    assert any(name.startswith("berita/") for name in names)
    assert len(names) >= 20


def test_every_html_file_is_well_formed_with_unique_ids(output):
    problems = [problem for page in output.pages.values() for problem in page.problems]
    assert not problems, f"{len(problems)} markup problem(s):\n" + "\n".join(problems[:100])


def test_every_internal_link_and_source_resolves(output):
    broken = output.broken_links()
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:100])


def test_every_image_exists_and_opens(output):
    missing, checked = [], {}
    for name, page in output.pages.items():
        for src in page.images:
            try:
                target = output.resolve(output.page_url(name), src)
            except ValueError as error:
                missing.append(f"{name}: image {src!r}: {error}")
                continue
            if target is None:
                if not src.startswith("data:"):
                    missing.append(f"{name}: image {src!r} is not served by the site (no hot-linking)")
                continue
            file = target[0]
            if file not in checked:
                path = output.folder / file
                checked[file] = None
                if not path.is_file():
                    checked[file] = "missing"
                elif path.suffix.lower() not in IMAGE_SUFFIXES:
                    checked[file] = f"not an image file name ({path.suffix})"
                elif path.suffix.lower() != ".svg":
                    try:
                        with Image.open(path) as image:
                            image.verify()
                    except Exception as error:  # Pillow raises many kinds for broken files
                        checked[file] = f"unreadable: {error}"
            if checked[file]:
                missing.append(f"{name}: image {src!r} → {file}: {checked[file]}")
    assert checked, "no images found at all: the sample site has photos"
    assert not missing, f"{len(missing)} image problem(s):\n" + "\n".join(missing[:100])


def test_css_urls_resolve(output):
    broken = []
    for css in sorted(output.folder.rglob("*.css")):
        name = css.relative_to(output.folder).as_posix()
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8")):
            target = output.resolve(f"{output.siteurl}/{name}", url)
            if target and not (output.folder / target[0]).is_file():
                broken.append(f"{name}: url({url}) → {target[0]} is not in the output")
    assert not broken, "\n".join(broken)


def test_sitemap_and_robots_point_at_real_pages(output):
    sitemap = (output.folder / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap)
    assert locations, "sitemap.xml lists no <loc>"
    robots = (output.folder / "robots.txt").read_text(encoding="utf-8")
    locations += re.findall(r"(?im)^sitemap:\s*(\S+)", robots)
    broken = []
    for url in locations:
        target = output.resolve(f"{output.siteurl}/", url.replace("&amp;", "&"))
        if target is None:
            broken.append(f"{url}: not on the site's origin {output.siteurl}")
        elif not (output.folder / target[0]).is_file():
            broken.append(f"{url}: {target[0]} is not in the output")
    assert not broken, "\n".join(broken)


# --- the checker itself -----------------------------------------------------------------------

DOC = "<!doctype html><html lang='id'><head><title>t</title></head><body>{}</body></html>"


@pytest.mark.parametrize("body, expected", [
    ("<div><p>x</div>", "<p> not closed before </div>"),
    ("<div>x", "<div> not closed before </body>"),
    ("<p>x</p></span>", "stray end tag </span>"),
    ("<p id='a'>1</p><p id='a'>2</p>", "id 'a' used 2 times"),
    ("<a href='#' class='x' class='y'>x</a>", "attribute 'class' 2 times"),
    ("<section aria-labelledby='nope'></section>", "aria-labelledby='nope' refers to no element"),
    ("<div/>", "<div/> is not a void element"),
    ("<br></br>", "end tag </br> for a void element"),
    ("<nav><p>x</p></div></nav>", "lxml: Unexpected end tag : div"),
])
def test_checker_reports_malformed_markup(body, expected):
    problems = read_page("t.html", DOC.format(body)).problems
    assert any(expected in problem for problem in problems), problems


def test_checker_reports_unclosed_document():
    problems = read_page("t.html", "<!doctype html><html><head><title>t</title></head><body><main>").problems
    assert [p.split(": ", 1)[1] for p in problems] == ["<html> never closed", "<body> never closed",
                                                       "<main> never closed"]


def test_checker_accepts_good_markup():
    body = ("<main id='isi'><img src='/a.png' alt='' width='1' height='1'><br><input id='q' name='q'>"
            "<label for='q'>Cari</label><p>x <a href='#isi'>y</a></p><svg><path d='M0'/></svg></main>")
    assert read_page("t.html", DOC.format(body)).problems == []


def test_checker_resolves_folder_urls_and_finds_broken_links(tmp_path):
    (tmp_path / "berita" / "a").mkdir(parents=True)
    (tmp_path / "berita" / "a" / "index.html").write_text(DOC.format("<h1 id='j'>A</h1>"), encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"")
    links = ("<a href='http://127.0.0.1:8000/berita/a/'>ok</a><a href='/berita/a/#j'>ok</a>"
             "<a href='berita/a/'>ok</a><img src='logo.png' alt=''><a href='https://example.org/x'>ext</a>"
             "<a href='mailto:a@b.example'>m</a>"
             "<a href='/berita/a'>no slash</a><a href='/berita/b/'>gone</a><a href='/berita/a/#k'>bad id</a>"
             "<a href='#nope'>bad local id</a><img src='/gambar/x.jpg' alt=''>")
    (tmp_path / "index.html").write_text(DOC.format(links), encoding="utf-8")
    broken = Output(tmp_path, "http://127.0.0.1:8000").broken_links()
    assert len(broken) == 5, broken
    assert "a folder URL must end in '/'" in broken[0]
    assert "berita/b/index.html is not in the output" in broken[1]
    assert "has no element with id 'k'" in broken[2]
    assert "'#nope'" in broken[3] and "gambar/x.jpg is not in the output" in broken[4]
