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

from social.counting import (bluesky_length, grapheme_count, mastodon_length, utf16_length,
                             with_recognised_host, x_length)
from social.hashtags import hashtag, hashtags
from social.messages import SocialProblem
from social.outputs import ReleaseSnippets, release_json
from social.summary import clauses, html_to_text, sentences, strip_dateline
from social.texts import (BIO_LINE, ELLIPSIS, LINK_LABEL, PLATFORM_BY_KEY, PLATFORMS, Link, ReleaseSocial,
                          Utm, build_texts, lede_sentences, overrides_of, telegram_escape, utm_url)

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

@pytest.mark.parametrize("key, limit, link, utm", [
    ("x", 280, Link.TEXT, Utm.FULL), ("threads", 500, Link.TEXT, Utm.SHORT),
    ("mastodon", 500, Link.TEXT, Utm.FULL), ("bluesky", 300, Link.CARD, Utm.FULL),
    ("linkedin", 3000, Link.TEXT, Utm.SHORT), ("facebook", 63206, Link.TEXT, Utm.SHORT),
    ("instagram", 2200, Link.BIO, Utm.FULL), ("whatsapp", 4096, Link.TEXT, Utm.SHORT),
    ("telegram", 4096, Link.TEXT, Utm.SHORT),
])
def test_platform_table(key, limit, link, utm):
    platform = PLATFORM_BY_KEY[key]
    assert (platform.limit, platform.link, platform.utm, platform.field) == (limit, link, utm, f"social_{key}")


@pytest.mark.parametrize("key, cap", [("x", 2), ("threads", 1), ("instagram", 5)])
def test_hashtag_caps_follow_each_platforms_custom(key, cap):
    assert PLATFORM_BY_KEY[key].hashtag_cap == cap


# --- per-platform output of one release --------------------------------------------------------

TEXTS, PROBLEMS = build_texts(RELEASE)


def test_no_problems_and_every_platform_present():
    assert PROBLEMS == []
    assert list(TEXTS) == [p.key for p in PLATFORMS]


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_text_within_limit_and_counted_the_platform_way(platform):
    text = TEXTS[platform.key]
    assert text.length == platform.count(text.text) <= platform.limit
    campaign = "&utm_campaign=siaran" if platform.utm is Utm.FULL else ""
    assert text.link == f"{URL}?utm_source={platform.key}&utm_medium=social{campaign}"
    assert text.link_as == platform.link.value


@pytest.mark.parametrize("key", ["x", "threads", "mastodon", "linkedin", "facebook", "telegram"])
def test_plain_platforms_open_with_title_and_link_the_utm_url(key):
    text = TEXTS[key].text
    assert text.startswith(TITLE + "\n\n")
    assert f"{LINK_LABEL} {TEXTS[key].link}" in text
    assert (TEXTS[key].bot_text is not None) == (key == "telegram")


def test_a_link_shown_and_counted_in_full_carries_a_short_query():
    assert TEXTS["facebook"].link == f"{URL}?utm_source=facebook&utm_medium=social"
    assert TEXTS["x"].link == f"{URL}?utm_source=x&utm_medium=social&utm_campaign=siaran"


def test_bluesky_link_travels_as_a_card_outside_the_300():
    text = TEXTS["bluesky"]
    assert "http" not in text.text and LINK_LABEL not in text.text
    assert text.link_as == "card"
    assert text.link == f"{URL}?utm_source=bluesky&utm_medium=social&utm_campaign=siaran"
    # Room the link no longer takes goes to the lede: both sentences that fit.
    assert text.text.split("\n\n")[1] == " ".join(sentences(html_to_text(SUMMARY))[:2])


def test_facebook_hook_is_the_title_within_125_characters():
    assert TEXTS["facebook"].text[:125].startswith(TITLE)


def test_x_counts_weighted_and_shortens_the_lede_before_hashtags():
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


def test_telegram_copy_text_is_plain_and_the_bot_text_is_markdown_v2():
    text = TEXTS["telegram"]
    assert "\\" not in text.text and "*" not in text.text
    assert "(BRPKN)" in text.text and "40.000" in text.text and "#BRPKN" in text.text
    assert text.bot_parse_mode == "MarkdownV2"
    assert text.bot_text.startswith(f"*{TITLE}*\n\n")
    assert "\\(BRPKN\\)" in text.bot_text and "40\\.000" in text.bot_text
    assert "utm\\_source\\=telegram" in text.bot_text and "\\#BRPKN" in text.bot_text
    # No reserved character is left unescaped outside the bold markers.
    body = text.bot_text[len(TITLE) + 2:]
    assert not re.search(r"(?<!\\)[_*\[\]()~`>#+\-=|{}.!]", body.replace("\\\\", ""))
    # Unescaped and unbolded, the bot's post reads as the pasted one.
    assert re.sub(r"\\(.)", r"\1", text.bot_text).replace(f"*{TITLE}*", TITLE, 1) == text.text


def test_telegram_override_is_pasted_as_written_and_escaped_for_the_bot():
    texts = build_texts(ReleaseSocial(TITLE, URL, overrides={"telegram": "Hari ini (25/11): 12.000 bibit!"}))[0]
    assert texts["telegram"].text == "Hari ini (25/11): 12.000 bibit!"
    assert texts["telegram"].bot_text == "Hari ini \\(25/11\\): 12\\.000 bibit\\!"
    assert texts["telegram"].bot_parse_mode == "MarkdownV2"


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


def test_no_lede_rather_than_a_word_and_an_ellipsis():
    release = ReleaseSocial("Judul", URL, summary_text="Satu, dua, tiga, " + "empat " * 80 + "lima. Enam.",
                            institution_hashtags=("BRPKN",))
    texts = build_texts(release)[0]
    assert texts["x"].text == f"Judul\n\n{LINK_LABEL} {utm_url(URL, 'x')}\n\n#BRPKN"
    assert texts["threads"].text == f"Judul\n\n{LINK_LABEL} {utm_url(URL, 'threads', Utm.SHORT)}\n\n#BRPKN"
    assert texts["bluesky"].text == "Judul\n\n#BRPKN"


def test_the_first_sentence_is_kept_before_hashtags():
    # Room for the first sentence or for the hashtags, not both: the sentence stays.
    first = "Program ini menjangkau " + "nelayan " * 25 + "kecil."
    release = ReleaseSocial("Judul", URL, summary_text=f"{first} Dua.", institution_hashtags=("BRPKN",),
                            tags=("Nelayan",))
    assert build_texts(release)[0]["x"].text == f"Judul\n\n{first}\n\n{LINK_LABEL} {utm_url(URL, 'x')}"


def test_the_link_label_goes_before_the_first_sentence_does():
    # 229 + 46 fits with 'Selengkapnya: ', 237 + 46 only without it (14 less).
    first = "Program ini menjangkau " + "nelayan " * 26 + "kecil."
    release = ReleaseSocial("Judul", URL, summary_text=f"{first} Dua.", institution_hashtags=("BRPKN",))
    assert build_texts(release)[0]["x"].text == f"Judul\n\n{first}\n\n{utm_url(URL, 'x')}\n\n#BRPKN"
    # Instagram's bio line is not a link label: it stays.
    assert BIO_LINE in build_texts(release)[0]["instagram"].text


def test_a_too_long_first_sentence_gives_way_to_its_first_clause():
    clause = "Program ini menjangkau " + "nelayan " * 15 + "kecil"
    release = ReleaseSocial("Judul", URL, summary_text=f"{clause}; pendaftaran dibuka " + "besok " * 20 + "pagi.")
    lede = build_texts(release)[0]["x"].text.split("\n\n")[1]
    assert lede == clause + ELLIPSIS


def test_social_summary_wins_over_the_summary_and_an_override_over_both():
    release = ReleaseSocial(TITLE, URL, SUMMARY, social_summary="Nelayan kecil kini terlindungi. Daftar sekarang.",
                            overrides={"x": "Teks X sendiri"})
    texts = build_texts(release)[0]
    assert texts["facebook"].text.split("\n\n")[1] == "Nelayan kecil kini terlindungi. Daftar sekarang."
    assert texts["x"].text == "Teks X sendiri" and texts["x"].overridden


def test_the_dateline_never_opens_a_lede():
    release = ReleaseSocial(TITLE, URL, summary_text="Jakarta (25/11) – BRPKN menanam bibit. Warga ikut.",
                            place="Jakarta")
    assert lede_sentences(release) == ["BRPKN menanam bibit.", "Warga ikut."]
    assert all("Jakarta (25/11)" not in text.text for text in build_texts(release)[0].values())


def test_overrides_are_the_platform_fields_only():
    assert overrides_of({"social_x": "a", "social_image": "b.jpg", "social_summary": "c", "title": "d"}) == {"x": "a"}


# --- links to the public site ------------------------------------------------------------------

DEMO = "https://humas.brpkn.example/berita/2026/11/x/"


def test_own_links_count_as_the_platform_counts_the_public_domain():
    # X and Mastodon shorten only links on domains they know; the texts are for the
    # public site, whose links they will count as 23 whatever this build's domain.
    text = f"Baca {DEMO}?utm_source=x"
    assert x_length(text) == 5 + len(DEMO) + len("?utm_source=x")
    for key in ("x", "mastodon"):
        assert PLATFORM_BY_KEY[key].length(text, "https://humas.brpkn.example") == 5 + 23
    # Other links and other platforms are counted as they stand.
    assert PLATFORM_BY_KEY["x"].length("https://lain.example/a", "https://humas.brpkn.example") == 22
    assert PLATFORM_BY_KEY["threads"].length(text, "https://humas.brpkn.example") == len(text)


def test_generated_and_override_texts_count_own_links_on_a_demo_domain_as_23():
    release = ReleaseSocial(TITLE, DEMO, SUMMARY, overrides={"mastodon": "Baca " + DEMO + "a" * 600})
    texts, problems = build_texts(release)
    assert texts["x"].length == parse_tweet(texts["x"].text.replace("humas.brpkn.example", "humas.go.id")).weightedLength
    assert texts["mastodon"].length == 5 + 23 and problems == []


@pytest.mark.parametrize("text, site, expected", [
    ("a https://humas.brpkn.example/b c", "https://humas.brpkn.example", "a https://example.com/b c"),
    ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000", "http://example.com/x"),
    ("https://humas.brpkn.example.", "https://humas.brpkn.example", "https://humas.brpkn.example."),
    ("https://humas.brpkn.examples/x", "https://humas.brpkn.example", "https://humas.brpkn.examples/x"),
])
def test_with_recognised_host(text, site, expected):
    assert with_recognised_host(text, site) == expected


def test_release_json_gives_link_card_and_bot_text_apart():
    import json
    from datetime import datetime, timezone
    snippets = ReleaseSnippets("id-1", "x", TITLE, URL, "https://humas.brpkn.go.id/social/x.jpg",
                               datetime(2026, 11, 25, 2, 30, tzinfo=timezone.utc), TEXTS)
    data = json.loads(release_json(snippets))
    bluesky, telegram, x = data["texts"]["bluesky"], data["texts"]["telegram"], data["texts"]["x"]
    assert (bluesky["link_as"], bluesky["card"], bluesky["link"]) == (
        "card", "https://humas.brpkn.go.id/social/x.jpg", TEXTS["bluesky"].link)
    assert telegram["text"] == TEXTS["telegram"].text
    assert telegram["bot_api"] == {"text": TEXTS["telegram"].bot_text, "parse_mode": "MarkdownV2"}
    assert set(x) == {"text", "length", "limit", "link", "link_as", "overridden"}


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
    long_url = "https://humas.brpkn.go.id/" + "a" * 480 + "/"
    problems = build_texts(ReleaseSocial("Judul", long_url))[1]
    assert problems == [SocialProblem("social_threads", (
        "teks otomatis Threads tetap 565 dari batas 500 (karakter) walau ringkasan, tagar dan judul "
        "sudah dipendekkan; periksa alamat situs"))]


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
    """The text as the reader sees it: WhatsApp's bold markers removed."""
    if platform_key != "whatsapp":
        return text
    head, sep, rest = text.partition("\n\n")
    assert head.startswith("*") and head.endswith("*") and len(head) > 2
    return head[1:-1] + sep + rest


def _lede_forms(release: ReleaseSocial) -> set[str]:
    """Every lede a text may carry: whole first sentences, or first clauses and '…'."""
    parts = lede_sentences(release)
    forms = {" ".join(parts[:k]) for k in range(1, len(parts) + 1)}
    if parts:
        first = clauses(parts[0])
        forms |= {"; ".join(first[:k]).rstrip(",;:—–- ") + ELLIPSIS for k in range(1, len(first))}
    return forms


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
        page_link = texts[platform.key].link
        plain = _unmark(platform.key, text)
        if platform.link is Link.TEXT:
            assert page_link in plain.split(), platform.key  # the URL is never cut
        else:
            assert url not in plain
        assert "\\" not in text or "\\" in title + summary_plain, platform.key  # no escapes added
        blocks = plain.split("\n\n")
        lede = [b for b in blocks[1:] if not b.startswith((LINK_LABEL, "#")) and b != page_link]
        assert not lede or lede[0] in _lede_forms(release), (platform.key, lede)
        for token in plain.split():
            if token in allowed or token == page_link:
                continue
            base = token.removesuffix(ELLIPSIS)
            assert token.endswith(ELLIPSIS) and (base in allowed or base in cut_forms), \
                (platform.key, token)
        tag_block = blocks[-1]
        # The first block is the title, even when it reads like hashtags ('#HariNelayan').
        if len(blocks) > 1 and tag_block.startswith("#") and all(t.startswith("#") for t in tag_block.split()):
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


def test_texts_made_in_a_pool_worker_go_to_the_cache_and_only_their_keys_come_back(tmp_path):
    # Returned through the pool, every release's texts sat in the build process until collected.
    from social.text_cache import TextCache, make_into_cache
    other = ReleaseSocial(TITLE + " (Ralat)", URL + "ralat/", SUMMARY, tags=TAGS)
    keyed = [("k1", RELEASE), ("k2", other)]
    assert make_into_cache(tmp_path, keyed) == ["k1", "k2"]
    cache = TextCache(tmp_path)
    assert cache.known == {"k1", "k2"}
    assert cache.get("k1") == build_texts(RELEASE)[0] and cache.get("k2") == build_texts(other)[0]
