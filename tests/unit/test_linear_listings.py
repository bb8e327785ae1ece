"""plugins/linear_listings: the same listings as Pelican's own code, without its list scans."""
from __future__ import annotations

import pickle
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.generators import ArticlesGenerator

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from linear_listings import Members, group_period_archives, index_taxonomies  # noqa: E402

SETTINGS = {"YEAR_ARCHIVE_SAVE_AS": "arsip/{date:%Y}/index.html", "YEAR_ARCHIVE_URL": "arsip/{date:%Y}/",
            "MONTH_ARCHIVE_SAVE_AS": "arsip/{date:%Y}/{date:%m}/index.html",
            "MONTH_ARCHIVE_URL": "arsip/{date:%Y}/{date:%m}/",
            "DAY_ARCHIVE_SAVE_AS": "", "DAY_ARCHIVE_URL": ""}


class Counted:
    """A release stand-in that counts equality tests (a list's `in` makes one per item it passes)."""
    compared = 0

    def __init__(self, date: datetime) -> None:
        self.date = date

    def __eq__(self, other) -> bool:
        Counted.compared += 1
        return self is other

    __hash__ = object.__hash__


def releases(count: int) -> list[Counted]:
    start = datetime(2024, 11, 20, 9)
    return [Counted(start + timedelta(days=9 * i)) for i in range(count)]


def pelicans_own(articles: list) -> dict:
    ordered = sorted(articles, key=lambda a: a.date, reverse=True)
    return ArticlesGenerator._build_period_archives(None, ordered, articles, SETTINGS)


def grouped(articles: list) -> dict:
    generator = SimpleNamespace(_build_period_archives=lambda *args: ArticlesGenerator._build_period_archives(
        None, *args))
    group_period_archives(generator)
    ordered = sorted(articles, key=lambda a: a.date, reverse=True)
    return generator._build_period_archives(ordered, articles, SETTINGS)


def test_period_archives_equal_pelicans_own_without_scanning_lists():
    articles = releases(60)
    articles = articles[::2] + articles[1::2]          # `articles` order is not date order
    Counted.compared = 0
    theirs = pelicans_own(articles)
    assert Counted.compared > 1000, "Pelican's filter scans a list per release"
    Counted.compared = 0
    ours = grouped(articles)
    assert Counted.compared == 0
    assert ours.keys() == theirs.keys() == {"year", "month"}
    for granularity in ours:
        assert len(ours[granularity]) == len(theirs[granularity]) > 1
        for mine, pelican in zip(ours[granularity], theirs[granularity]):
            assert mine.keys() == pelican.keys()
            for field in mine:
                assert mine[field] == pelican[field], (granularity, field)
            assert [id(a) for a in mine["articles"]] == [id(a) for a in pelican["articles"]]


def test_members_answer_in_by_identity_without_comparing():
    articles = releases(5)
    members = Members(articles[:3])
    Counted.compared = 0
    assert all(a in members for a in articles[:3])
    assert not any(a in members for a in articles[3:])
    assert Counted.compared == 0
    assert members == articles[:3] and isinstance(members, list)
    assert list(members[1:]) == articles[1:3]


@pytest.mark.parametrize("change", [
    lambda m, a: m.append(a), lambda m, a: m.extend([a]), lambda m, a: m.insert(0, a),
    lambda m, a: m.remove(m[0]), lambda m, a: m.pop(), lambda m, a: m.clear(),
    lambda m, a: m.__setitem__(0, a), lambda m, a: m.__delitem__(0), lambda m, a: m.__iadd__([a]),
])
def test_members_refuse_a_change_of_who_is_in(change):
    articles = releases(3)
    members = Members(articles[:2])
    with pytest.raises(TypeError, match="fixed"):
        change(members, articles[2])
    assert members == articles[:2] and articles[2] not in members


def test_members_survive_pickling():
    members = pickle.loads(pickle.dumps(Members([1, 2, 3])))
    assert type(members) is Members and members == [1, 2, 3] and 2 in members


def test_taxonomies_are_indexed_in_place():
    a, b, c = releases(3)
    tags = {"banjir": [a, b], "pangan": [c]}
    categories, authors = [("berita", [a, b, c])], [("humas", [b])]
    generator = SimpleNamespace(tags=tags, categories=categories, authors=authors)
    index_taxonomies(generator)
    assert generator.tags is tags and generator.categories is categories and generator.authors is authors
    assert all(type(v) is Members for v in tags.values())
    assert [type(v) for _, v in categories + authors] == [Members, Members]
    assert tags == {"banjir": [a, b], "pangan": [c]} and b in authors[0][1] and a not in authors[0][1]
