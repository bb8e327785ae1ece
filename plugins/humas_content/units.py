"""Listing pages per publishing unit (`unit/<slug>/`), paginated like categories.

Glue module (imports Pelican); the grouping itself is the pure group_by_unit().

Pelican knows categories, tags and authors; a government portal also groups
releases by the unit that issued them, so this generator adds that axis.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pelican.generators import Generator

from siaran.contracts import Context
from siaran.text import slugify


@dataclass
class Unit:
    name: str
    slug: str
    url: str
    save_as: str
    articles: list = field(default_factory=list)

    def __str__(self) -> str:
        return self.name


def group_by_unit(articles, url_pattern: str, save_as_pattern: str) -> list[Unit]:
    groups: dict[str, Unit] = {}
    members = defaultdict(list)
    for article in articles:
        slug = slugify(article.unit)
        groups.setdefault(slug, Unit(article.unit, slug, url_pattern.format(slug=slug),
                                     save_as_pattern.format(slug=slug)))
        members[slug].append(article)
    for slug, unit in groups.items():
        unit.articles = sorted(members[slug], key=lambda a: (a.date, a.source_path), reverse=True)
    return sorted(groups.values(), key=lambda unit: unit.name)


class UnitsGenerator(Generator):
    """Groups in generate_context (so every template can list units), pages in generate_output."""

    def generate_context(self):
        self.units = group_by_unit(self.context.get("articles", []),
                                   self.settings["UNIT_URL"], self.settings["UNIT_SAVE_AS"])
        self.context[Context.UNITS] = self.units

    def generate_output(self, writer):
        template = self.get_template("unit")
        for unit in self.units:
            writer.write_file(unit.save_as, template, self.context, unit=unit, articles=unit.articles,
                              dates=unit.articles, template_name="unit", url=unit.url,
                              paginated={"articles": unit.articles, "dates": unit.articles})
        writer.write_file(self.settings["UNITS_SAVE_AS"], self.get_template("units"), self.context,
                          units=self.units, unit_pairs=[(u, u.articles) for u in self.units],
                          template_name="units", url=self.settings["UNITS_URL"])
