"""Checks of what the editor wrote into a release body: its dateline, credit line and photos.

A release may name its dateline and credit in fields (`location`, `credit`) or
in the body, as Humas offices write them (`Jakarta, BRPKN (25/11) – …`,
`… (Humas/RP/DS)`). Here the two are held against each other and against
`date`: a missing place is an error, a disagreement a warning the editor can
find by its line. Problems, never exceptions (see siaran.build.plugin_checks).
"""
from __future__ import annotations

import re

from siaran import dates
from siaran.credit import read_credit, read_photo_credit, same_credit
from siaran.dateline import disagrees, read_dateline
from siaran.problems import ERROR, WARNING, Problem
from siaran.release_body import source_ends

from .messages import MSG

_IMAGE_WITHOUT_ALT = re.compile(r"!\[[ \t]*\]\(")


def release_problems(source, values: dict) -> list[Problem]:
    """Every problem of one release's body against its fields."""
    first, last = source_ends(source.body, source.body_line)
    own = read_dateline(first.text) if first else None
    problems = []
    location = values.get("location")
    if own is None and "location" not in source.meta:
        problems.append(Problem(source.rel, 1, "location", MSG["location_required"], ERROR))
    if own is not None and location and own.place_name.casefold() != location.casefold():
        problems.append(Problem(source.rel, first.line, "dateline", MSG["dateline_place"].format(
            written=own.place, location=location), WARNING))
    moment = values.get("date")
    if own is not None and moment is not None and disagrees(own, moment):
        written = f"({own.day}/{own.month}{f'/{own.year}' if own.year else ''})"
        problems.append(Problem(source.rel, first.line, "dateline", MSG["dateline_day"].format(
            written=written, date=dates.long_date(moment)), WARNING))
    written_credit = read_credit(last.text) if last else None
    field = values.get("credit")
    if written_credit is not None and field and not same_credit(written_credit.value, field):
        problems.append(Problem(source.rel, last.line, "credit", MSG["credit_differs"].format(
            written=written_credit.value, field=field), WARNING))
    photo = read_photo_credit(values.get("image_caption") or "")
    if photo is not None and values.get("image_credit") and not same_credit(photo[1], values["image_credit"]):
        problems.append(Problem(source.rel, source.line_of("image_caption"), "image_credit",
                                MSG["photo_credit_differs"].format(written=photo[1], field=values["image_credit"]),
                                WARNING))
    for found in _IMAGE_WITHOUT_ALT.finditer(source.body):
        line = source.body_line + source.body.count("\n", 0, found.start())
        problems.append(Problem(source.rel, line, "body", MSG["body_image_alt"], ERROR))
    return problems


def check_file(item, ctx) -> list[Problem]:
    """Plugin hook for `invoke check`: a release's body against its fields (one file alone)."""
    return release_problems(item.source, item.values) if item.kind == "release" else []
