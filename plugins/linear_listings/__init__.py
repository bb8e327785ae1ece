"""linear_listings: Pelican's listing pages in linear time.

Pelican 4.12 finds the members of each tag, category, author and period page
by testing every release against a list (`article in articles`, `a in dates`),
which scans that list: about N² comparisons per kind of listing. At 10,000
releases that is over a billion comparisons and several seconds of every
build, including a build where one release changed. This plugin changes no
output: the taxonomy lists become `Members` (a list that answers `in` from a
set of identities; a release has no `__eq__`, so identity is what `in` tested)
and the period archives are grouped once instead of filtered per period.
"""
from __future__ import annotations

from pelican import signals


class Members(list):
    """A list of releases that answers `in` in constant time. Pelican only reads
    these lists once they are built; changing which items it holds is refused, so
    the identity set can never disagree with the list."""

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._ids = frozenset(map(id, self))

    def __contains__(self, item) -> bool:
        return id(item) in self._ids

    def _frozen(self, *args, **kwargs):
        raise TypeError("a listing's members are fixed once Pelican has built it")

    append = extend = insert = remove = pop = clear = _frozen
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _frozen

    def __reduce__(self):
        return (Members, (list(self),))


def index_taxonomies(generator) -> None:
    """After Pelican built its tag, category and author lists (in place: its context
    holds the same dict and lists)."""
    for tag, articles in generator.tags.items():
        generator.tags[tag] = Members(articles)
    for kind in ("categories", "authors"):
        pairs = getattr(generator, kind)
        for index, (name, articles) in enumerate(pairs):
            pairs[index] = (name, Members(articles))


def group_period_archives(generator) -> None:
    """Pelican's own grouping, given no releases to filter, then each period's
    releases put in the order of `articles` (what its filter kept) in one pass."""
    build = generator._build_period_archives

    def grouped(sorted_articles, articles, settings):
        archives = build(sorted_articles, [], settings)
        position = {id(article): index for index, article in enumerate(articles)}
        for periods in archives.values():
            for archive in periods:
                kept = [a for a in archive["dates"] if id(a) in position]
                archive["articles"] = sorted(kept, key=lambda a: position[id(a)])
        return archives

    generator._build_period_archives = grouped


def register() -> None:
    signals.article_generator_init.connect(group_period_archives)
    signals.article_generator_finalized.connect(index_taxonomies)
