"""Ready-to-post texts: platform table, hashtags, UTM, counting, shortening, overrides, and a
property test that every limit holds and no word, URL or hashtag is ever split."""
from __future__ import annotations

import html
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from social.counting import bluesky_length, grapheme_count, mastodon_length, utf16_length, x_length
from social.hashtags import hashtag, hashtags
from social.messages import SocialProblem
from social.summary import html_to_text, sentences
from social.texts import (BIO_LINE, ELLIPSIS, LINK_LABEL, PLATFORM_BY_KEY, PLATFORMS, Link,
                          ReleaseSocial, build_texts, telegram_escape, utm_url)

URL = "https://humas.brpkn.go.id/berita/2026/11/program-nelayan/"
TITLE = "BRPKN Luncurkan Program Pelindungan Nelayan Pesisir di 12 Provinsi"
SUMMARY = ("<p>Badan Riset Pesisir dan Kelautan Nusantara (BRPKN) meluncurkan program pelindungan "
           "nelayan di 12 provinsi. Program ini menjangkau 40.000 nelayan kecil. Dr. Siti Rahma, "
           "Kepala BRPKN, mengatakan program berjalan hingga 2027.</p>"
           "<p>Pendaftaran dibuka mulai 1 Desember 2026 melalui kantor dinas setempat.</p>")
TAGS = ("Pelindungan Pekerja Migran", "Nelayan", "Kelautan & Perikanan", "Bantuan Sosial",
        "Pesisir", "Anggaran 2026")
RELEASE = ReleaseSocial(TITLE, URL, SUMMARY, tags=TAGS, institution_hashtags=("BRPKN", "#PesisirNusantara"))


# --- the table ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key, limit, link", [
    ("x", 280, Link.INLINE), ("threads", 500, Link.INLINE), ("mastodon", 500, Link.INLINE),
    ("bluesky", 300, Link.INLINE), ("linkedin", 3000, Link.INLINE),
    ("facebook", 63206, Link.INLINE), ("instagram", 2200, Link.BIO),
    ("whatsapp", 4096, Link.INLINE), ("telegram", 4096, Link.INLINE),
])
def test_platform_table(key, limit, link):
    platform = PLATFORM_BY_KEY[key]
    assert (platform.limit, platform.link, platform.field) == (limit, link, f"social_{key}")


def test_instagram_hashtag_cap_is_five():
    assert PLATFORM_BY_KEY["instagram"].hashtag_cap == 5


# --- per-platform output of one release --------------------------------------------------------

TEXTS, PROBLEMS = build_texts(RELEASE)


def test_no_problems_and_every_platform_present():
    assert PROBLEMS == []
    assert list(TEXTS) == [p.key for p in PLATFORMS]


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_text_within_limit_and_counted_the_platform_way(platform):
    text = TEXTS[platform.key]
    assert text.length == platform.count(text.text) <= platform.limit
    assert text.url == f"{URL}?utm_source={platform.key}&utm_medium=social&utm_campaign=siaran"


@pytest.mark.parametrize("key", ["x", "threads", "mastodon", "bluesky", "linkedin", "facebook"])
def test_plain_platforms_open_with_title_and_link_the_utm_url(key):
    text = TEXTS[key].text
    assert text.startswith(TITLE + "\n\n")
    assert f"{LINK_LABEL} {URL}?utm_source={key}&utm_medium=social&utm_campaign=siaran" in text
    assert TEXTS[key].parse_mode is None


def test_facebook_hook_is_the_title_within_125_characters():
    assert TEXTS["facebook"].text[:125].startswith(TITLE)


def test_x_counts_weighted_and_shortens_summary_before_hashtags():
    text = TEXTS["x"].text
    assert parse_tweet(text).weightedLength <= 280 and parse_tweet(text).valid
    # The second sentence had to give way, the hashtags did not.
    assert text.split("\n\n")[1] == ("Badan Riset Pesisir dan Kelautan Nusantara (BRPKN) meluncurkan "
                                      "program pelindungan nelayan di 12 provinsi.")
    assert text.endswith("#BRPKN #PesisirNusantara")


def test_instagram_has_no_link_and_at_most_five_hashtags():
    text = TEXTS["instagram"].text
    assert "http" not in text and URL not in text
    assert BIO_LINE in text
    assert re.findall(r"#\w+", text) == ["#BRPKN", "#PesisirNusantara", "#PelindunganPekerjaMigran",
                                         "#Nelayan", "#KelautanPerikanan"]


def test_hashtags_in_the_summary_count_toward_the_cap_and_are_not_repeated():
    release = ReleaseSocial(TITLE, URL, summary_text="Peringatan #HariNelayan bersama #brpkn, #Laut dan #Pesisir.",
                            tags=TAGS, institution_hashtags=("BRPKN",))
    text = build_texts(release)[0]["instagram"].text
    assert text.split("\n\n")[-1] == "#PelindunganPekerjaMigran"
    assert len(re.findall(r"#\w+", text)) == 5


def test_whatsapp_bold_title():
    assert TEXTS["whatsapp"].text.startswith(f"*{TITLE}*\n\n")
    assert "#" not in TEXTS["whatsapp"].text  # hashtags are not links on WhatsApp


def test_telegram_is_markdown_v2_with_everything_escaped():
    text = TEXTS["telegram"]
    assert text.parse_mode == "MarkdownV2"
    assert text.text.startswith(f"*{TITLE}*\n\n")
    assert "\\(BRPKN\\)" in text.text and "40\\.000" in text.text
    assert "utm\\_source\\=telegram" in text.text and "\\#BRPKN" in text.text
    # No reserved character is left unescaped outside the bold markers.
    body = text.text[len(TITLE) + 2:]
    assert not re.search(r"(?<!\\)[_*\[\]()~`>#+\-=|{}.!]", body.replace("\\\\", ""))


@pytest.mark.parametrize("raw, escaped", [
    ("a_b*c.d", "a\\_b\\*c\\.d"), ("(1+1=2)!", "\\(1\\+1\\=2\\)\\!"), ("a\\b", "a\\\\b"),
    ("#x [y] {z} ~`>|-", "\\#x \\[y\\] \\{z\\} \\~\\`\\>\\|\\-"),
])
def test_telegram_escape(raw, escaped):
    assert telegram_escape(raw) == escaped


# --- pieces ------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, expected", [
    ("Pelindungan Pekerja Migran", "#PelindunganPekerjaMigran"),
    ("covid-19", "#Covid19"),
    ("BP2MI", "#BP2MI"),
    ("#BRPKN", "#BRPKN"),
    ("Kelautan & Perikanan (KP)", "#KelautanPerikananKP"),
    ("café ünïcode", "#CaféÜnïcode"),
    ("2024", None),
    (" - ", None),
    ("😀 Hari Laut 🌊", "#HariLaut"),
])
def test_hashtag(tag, expected):
    assert hashtag(tag) == expected


def test_hashtags_institution_first_without_duplicates():
    assert hashtags(["BRPKN"], ["brpkn", "Nelayan", "nelayan", "2024"]) == ["#BRPKN", "#Nelayan"]


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/b/", "https://a.example/b/?utm_source=x&utm_medium=social&utm_campaign=siaran"),
    ("https://a.example/b/?id=3#foto",
     "https://a.example/b/?id=3&utm_source=x&utm_medium=social&utm_campaign=siaran#foto"),
    ("https://a.example/?utm_source=lama&utm_campaign=lama",
     "https://a.example/?utm_source=x&utm_medium=social&utm_campaign=siaran"),
])
def test_utm_url(url, expected):
    assert utm_url(url, "x") == expected


@pytest.mark.parametrize("text, expected", [
    ("abc", 3), ("😀", 2), ("漢字", 4), ("https://example.com/" + "a" * 200, 23),
])
def test_x_length(text, expected):
    assert x_length(text) == expected


def test_mastodon_counts_links_as_23_and_trailing_punctuation_as_text():
    assert mastodon_length("lihat https://example.com/" + "a" * 100 + ".") == 6 + 23 + 1


def test_links_without_scheme_or_on_unknown_domains_count_in_full_on_mastodon():
    assert mastodon_length("humas.go.id/berita") == 18
    assert mastodon_length("https://humas.contoh/" + "a" * 100) == 121


def test_x_links_on_unknown_domains_count_in_full():
    # X only shortens links to known top-level domains; a demo '.example' site is counted as text.
    assert x_length("https://humas.brpkn.example/" + "a" * 100) == 128


@pytest.mark.parametrize("text, expected", [
    ("abc", 3),
    ("🇮🇩🇮🇩", 2),                      # two flags, four regional indicators
    ("👨‍👩‍👧", 1),                       # ZWJ family
    ("👍🏽", 1),                          # skin tone
    ("e\u0301", 1),                      # combining accent
    ("❤️", 1),                           # variation selector
    ("a\r\nb", 3),
])
def test_grapheme_count(text, expected):
    assert grapheme_count(text) == expected


def test_bluesky_also_caps_utf8_bytes():
    assert bluesky_length("ꦲ" * 120) == 120  # 360 bytes: graphemes decide
    assert bluesky_length("\u20dd" * 1000) == 300  # one grapheme, 3000 bytes


def test_utf16_length_counts_astral_twice():
    assert utf16_length("a😀") == 3


def test_sentences_keep_abbreviations_and_read_html():
    text = html_to_text(SUMMARY)
    assert sentences(text) == [
        "Badan Riset Pesisir dan Kelautan Nusantara (BRPKN) meluncurkan program pelindungan nelayan di 12 provinsi.",
        "Program ini menjangkau 40.000 nelayan kecil.",
        "Dr. Siti Rahma, Kepala BRPKN, mengatakan program berjalan hingga 2027.",
        "Pendaftaran dibuka mulai 1 Desember 2026 melalui kantor dinas setempat.",
    ]


def test_html_paragraphs_do_not_glue_words():
    assert html_to_text("<p>satu</p><p>dua&nbsp;<b>tiga</b></p>") == "satu dua tiga"


# --- shortening order --------------------------------------------------------------------------

def test_hashtags_dropped_from_the_end_only_after_the_summary_is_gone():
    # 229 characters: room for the link and one hashtag, not for '\n\nBadan…' or a second one.
    title = " ".join(["Pelabuhan"] * 23)
    release = ReleaseSocial(title, URL, SUMMARY, tags=("Nelayan",), institution_hashtags=("BRPKN",))
    text = build_texts(release)[0]["x"].text
    assert text == (f"{title}\n\n{LINK_LABEL} {utm_url(URL, 'x')}\n\n#BRPKN")


def test_title_words_cut_last_with_ellipsis():
    title = " ".join(["Pelabuhan"] * 40)
    text = build_texts(ReleaseSocial(title, URL, SUMMARY, tags=("Nelayan",)))[0]["x"].text
    head = text.split("\n\n")[0]
    assert head.endswith("Pelabuhan…") and "#" not in text
    assert set(head.removesuffix("…").split(" ")) == {"Pelabuhan"}
    assert x_length(text) <= 280


def test_summary_cut_by_words_drops_trailing_comma():
    release = ReleaseSocial("Judul", URL, summary_text="Satu, dua, tiga, " + "empat " * 80)
    text = build_texts(release)[0]["bluesky"].text
    summary = text.split("\n\n")[1]
    assert summary.endswith("empat…") and bluesky_length(text) <= 300


# --- overrides ---------------------------------------------------------------------------------

def test_override_used_verbatim_and_too_long_is_a_problem():
    release = ReleaseSocial(TITLE, URL, SUMMARY, overrides={"x": "a" * 300, "threads": "Teks sendiri"})
    texts, problems = build_texts(release)
    assert texts["x"].text == "a" * 300 and texts["x"].overridden
    assert texts["threads"].text == "Teks sendiri" and not texts["bluesky"].overridden
    assert problems == [SocialProblem(
        "social_x", "teks X terlalu panjang: 300 dari batas 280 (hitungan X: tautan 23, emoji 2); kurangi 20")]


def test_override_counted_the_platform_way():
    # 290 code points but X counts the link as 23.
    text = "x" * 200 + " https://example.com/" + "a" * 68
    assert build_texts(ReleaseSocial(TITLE, URL, overrides={"x": text}))[1] == []


def test_override_problems_unknown_platform_empty_and_instagram_rules():
    release = ReleaseSocial(TITLE, URL, overrides={
        "tiktok": "halo", "threads": "  ",
        "instagram": "Lihat https://a.example #a #b #c #d #e #f"})
    assert build_texts(release)[1] == [
        SocialProblem("social_tiktok", "platform 'tiktok' tidak dikenal; pilihan: x, threads, mastodon, "
                      "bluesky, linkedin, facebook, instagram, whatsapp, telegram"),
        SocialProblem("social_threads", "teks Threads kosong; hapus kolom ini untuk memakai teks otomatis"),
        SocialProblem("social_instagram", "Instagram tidak membuat tautan di keterangan dapat diklik; "
                      "tulis 'tautan di bio' saja"),
        SocialProblem("social_instagram", "teks Instagram memuat 6 tagar; paling banyak 5"),
    ]


def test_generated_text_that_cannot_fit_is_a_problem():
    long_url = "https://humas.brpkn.go.id/" + "a" * 300 + "/"
    problems = build_texts(ReleaseSocial("Judul", long_url))[1]
    assert [p.field for p in problems] == ["social_bluesky"]
    assert problems[0].message.startswith("teks otomatis Bluesky tetap ")


# --- property: limits hold, nothing is split ---------------------------------------------------

ID_WORDS = ["Kementerian", "Pelindungan", "nelayan", "pesisir", "BRPKN", "di", "dan", "yang",
            "Rp1,2", "triliun,", "(BP2MI)", "2026.", "Dr.", "—", "-", "Jl.", "“Kami", "siap,”",
            "#HariNelayan", "@humas", "*penting*", "_miring_", "a.n.", "kab."]
EMOJI = ["😀", "🇮🇩", "👨‍👩‍👧", "👍🏽", "❤️", "🌊🐟", "漢字", "ꦲꦏ", "e\u0301"]
URLS = st.builds(lambda host, path: f"https://{host}.go.id/{path}",
                 st.from_regex(r"[a-z]{1,20}", fullmatch=True),
                 st.from_regex(r"[a-z0-9/_=?&.-]{0,60}", fullmatch=True))
WORD = st.one_of(
    st.sampled_from(ID_WORDS), st.sampled_from(EMOJI), URLS,
    st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=12),
    st.text("abcdefghijklmnopqrstuvwxyzé", min_size=40, max_size=90),  # very long words
)
SENTENCE = st.lists(WORD, min_size=1, max_size=25).map(lambda w: " ".join(w) + ".")
TAG = st.one_of(st.sampled_from(["Pelindungan Pekerja Migran", "Kelautan & Perikanan", "2024",
                                 "covid-19", "Hari Laut 🌊"]),
                st.text(st.characters(blacklist_categories=("C",)), max_size=40))
PAGE_URL = st.builds(lambda slug: f"https://humas.brpkn.go.id/berita/2026/11/{slug}/",
                     st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True))


def _tokens(text: str) -> set[str]:
    return set(unicodedata.normalize("NFC", text).split())


def _unmark(platform_key: str, text: str) -> str:
    """The text as the reader sees it: markup markers and escapes removed."""
    if platform_key not in ("whatsapp", "telegram"):
        return text
    head, sep, rest = text.partition("\n\n")
    assert head.startswith("*") and head.endswith("*") and len(head) > 2
    text = head[1:-1] + sep + rest
    return re.sub(r"\\(.)", r"\1", text, flags=re.S) if platform_key == "telegram" else text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.lists(WORD, min_size=1, max_size=40).map(" ".join),
       paragraphs=st.lists(st.lists(SENTENCE, min_size=1, max_size=4), max_size=3),
       tags=st.lists(TAG, max_size=12),
       institution=st.lists(st.sampled_from(["BRPKN", "#PesisirNusantara", "Humas BRPKN"]), max_size=3),
       url=PAGE_URL)
def test_property_limits_hold_and_nothing_is_split(title, paragraphs, tags, institution, url):
    summary_html = "".join(f"<p>{html.escape(' '.join(p))}</p>" for p in paragraphs)
    release = ReleaseSocial(title, url, summary_html, tags=tuple(tags),
                            institution_hashtags=tuple(institution))
    texts, problems = build_texts(release)
    assert problems == []
    summary_plain = " ".join(" ".join(p) for p in paragraphs)
    allowed = (_tokens(title) | _tokens(summary_plain) | set(hashtags(institution, tags))
               | _tokens(LINK_LABEL) | _tokens(BIO_LINE))
    cut_forms = {token.rstrip(",;:—–- ") for token in allowed}
    for platform in PLATFORMS:
        text = texts[platform.key].text
        assert platform.count(text) <= platform.limit, platform.key
        if platform.key == "x":
            assert parse_tweet(text).valid
        page_link = utm_url(url, platform.key)
        plain = _unmark(platform.key, text)
        if platform.link is Link.BIO:
            assert page_link not in plain
        else:
            assert page_link in plain.split(), platform.key  # the URL is never cut
        for token in plain.split():
            if token in allowed or token == page_link:
                continue
            base = token.removesuffix(ELLIPSIS)
            assert token.endswith(ELLIPSIS) and (base in allowed or base in cut_forms), \
                (platform.key, token)
        tag_block = plain.split("\n\n")[-1]
        if tag_block.startswith("#") and all(t.startswith("#") for t in tag_block.split()):
            assert set(tag_block.split()) <= set(hashtags(institution, tags))
            assert len(tag_block.split()) <= platform.hashtag_cap


# The fast paths of the counters must agree with the full computation.
from hypothesis import given, settings as hyp_settings, strategies as hyp  # noqa: E402

from social import counting  # noqa: E402

_FAST_ALPHABET = hyp.characters(codec="utf-8", max_codepoint=0x206F, exclude_categories=("Cs",))


@hyp_settings(max_examples=300, deadline=None)
@given(hyp.text(alphabet=_FAST_ALPHABET, max_size=120) | hyp.sampled_from(
    ["© 2026", "® ‼ ⁉", "1\u20e3 #\ufe0f\u20e3", "https://contoh.go.id/a – “kutip” …", "e\u0301 a\r\nb",
     "Selengkapnya: http://127.0.0.1:8000/berita/x/?utm_source=x&utm_medium=social\n\n#BRPKN",
     "kunjungi humas.brpkn.go.id atau https://a.b.go.id/x?y=1, lalu www.example.com.", "x" * 300]))
def test_counter_fast_paths_match_full_counting(text):
    from twitter_text import parse_tweet
    assert counting.x_length(text) == parse_tweet(text).weightedLength
    assert counting.grapheme_count(text) == counting.grapheme_count_full(text)
