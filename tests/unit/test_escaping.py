"""siaran.escaping: plain text stays text, one door for content HTML, JSON safe in a script,
and the theme's templates rely on autoescape alone."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from siaran.escaping import content_html, plain_text, prepare_environment, script_json, text_of

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"


@pytest.mark.parametrize("html, text", [
    ("<p>Satu &amp; <b>dua</b>\n\n tiga</p>", "Satu & dua tiga"),
    # A code span's entities are text: decoded once, and never become an element.
    ("<p>Lihat <code>&lt;img src=x onerror=alert(1)&gt;</code></p>", "Lihat <img src=x onerror=alert(1)>"),
    ("<p>&amp;amp; stays one level: &amp;lt;</p>", "&amp; stays one level: &lt;"),
    # An attribute holding '>' does not end the tag early (a regex stripper cuts it there).
    ('<p><span title="a>b">teks</span> utuh</p>', "teks utuh"),
    ("<p>a<!-- komentar -->b</p>", "ab"),
    ("<p>x<script>alert(1)</script><style>p{}</style>y</p>", "xy"),
    ("<p>Rp&nbsp;5 juta</p>", "Rp\xa05 juta"),        # a no-break space is the editor's
    ("<P>Besar</P><SCRIPT type='x'>y</SCRIPT><br/>kecil", "Besarkecil"),
    ("a < b dan <10 GT", "a < b dan <10 GT"),           # not tags: kept as text
    ("<!doctype html><p>x</p>", "x"),
    # An unclosed tag or comment costs one pass (possessive quantifiers), then is text.
    ('<a b c d e f g h i j k l m n o p q r s t u v w x y z "' + "kata " * 2000, None),
    ("", ""),
])
def test_plain_text(html, text):
    result = plain_text(html)
    assert result == (text if text is not None else " ".join(html.split()))
    assert type(result) is str, "plain text is never Markup, so a template escapes it"


def test_content_html_is_the_one_markup_door():
    html = '<p class="x">Isi &amp; <em>tebal</em></p>'
    assert content_html(html) == html and isinstance(content_html(html), Markup)
    assert content_html(None) == ""


def test_script_json_cannot_close_its_element_and_stays_the_same_json():
    data = {"name": "</script><script>alert(1)</script> <!-- x --> & \"'", "n": [1, 2]}
    text = script_json(data)
    assert isinstance(text, Markup)
    assert "<" not in text
    assert json.loads(text) == data
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


def test_text_of_a_rendered_block():
    assert text_of(Markup("Kepala &#34;A&#34; &amp; &lt;10")) == 'Kepala "A" & <10'
    assert text_of("A &amp; B") == "A &amp; B", "a plain str is already text"


def environment(templates: dict[str, str]) -> Environment:
    env = Environment(loader=DictLoader(templates))
    prepare_environment(env)
    return env


def test_prepared_environment_escapes_text_once_and_prints_content_html():
    env = environment({"t.html": '<a title="{{ t }}">{{ t }}</a>{{ body|content_html }}'
                                 '{{ summary|plain_text }}'})
    out = env.get_template("t.html").render(t="\"'<>&", body="<p>isi</p>",
                                            summary="<p><code>&lt;img&gt;</code> &amp;</p>")
    assert out == ('<a title="&#34;&#39;&lt;&gt;&amp;">&#34;&#39;&lt;&gt;&amp;</a><p>isi</p>'
                   "&lt;img&gt; &amp;")


def test_theme_marks_nothing_safe_itself():
    """The templates never switch escaping off: content HTML goes through `content_html`,
    JSON-LD arrives as Markup from its serialiser."""
    offenders = []
    for template in sorted(TEMPLATES.glob("*.html")):
        source = template.read_text(encoding="utf-8")
        for pattern in (r"\|\s*safe\b", r"autoescape\s+false", r"\bMarkup\b"):
            offenders += [f"{template.name}: {m.group(0)}" for m in re.finditer(pattern, source)]
    assert offenders == []
