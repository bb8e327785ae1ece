"""siaran.check_formats: the escaping and identity rules the golden files cannot show."""
from __future__ import annotations

import json

from siaran.check_formats import FORMATS, codequality, fingerprint, github
from siaran.problems import ERROR, INFO, WARNING, Problem


def test_github_escapes_what_would_end_a_property_or_the_message():
    problem = Problem("content/berita/a,b:c.md", 4, "title", "50% selesai\nbaris dua\r", ERROR)
    assert github([problem], 1) == \
        "::error file=content/berita/a%2Cb%3Ac.md,line=4,title=title::50%25 selesai%0Abaris dua%0D\n"


def test_severities_map_to_each_tools_words():
    problems = [Problem("a.md", 1, "f", "m", ERROR), Problem("a.md", 2, "f", "m", WARNING),
                Problem("a.md", 3, "date", "terjadwal", INFO)]
    assert [line.split(" ", 1)[0] for line in github(problems, 1).splitlines()] == ["::error", "::warning", "::notice"]
    assert [issue["severity"] for issue in json.loads(codequality(problems, 1))] == ["major", "minor", "info"]


def test_fingerprints_tell_problems_apart_and_stay_the_same():
    one = Problem("a.md", 3, "date", "salah")
    assert fingerprint(one) == fingerprint(Problem("a.md", 3, "date", "salah"))
    assert len({fingerprint(one), fingerprint(Problem("a.md", 4, "date", "salah")),
                fingerprint(Problem("b.md", 3, "date", "salah")), fingerprint(Problem("a.md", 3, "id", "salah"))}) == 4


def test_no_problems_is_an_empty_report_in_every_format():
    assert {name: render([], 7) for name, render in FORMATS.items()} == {
        "text": "", "github": "", "codequality": "[]\n",
        "json": json.dumps({"counts": {"errors": 0, "scheduled": 0, "warnings": 0}, "files": 7, "problems": []},
                           indent=2) + "\n"}
