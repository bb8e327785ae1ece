"""siaran.pagefind_order on bundles the real Pagefind binary writes: raw Pagefind output
varies between runs, settled output does not, and settling only reorders (every filter
value keeps its pages, the metadata names files that exist)."""
from __future__ import annotations

import json

import pytest

from siaran.pagefind_order import UnknownBundle, packed, read_packed, settle
from siaran.search import executable

from test_search import FILTERED, write_site


def raw_bundle(site, out):
    import subprocess
    subprocess.run([str(executable()), "--site", str(site), "--output-path", str(out),
                    "--force-language", "id", "--silent"], check=True)
    return out


def filters_of(bundle):
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    meta = read_packed(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    return {name: {value: sorted(pages) for value, pages in read_packed(bundle / "filter" / f"{h}.pf_filter")[1]}
            for name, h in meta[3]}


def files(bundle):
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_settling_makes_runs_equal_and_keeps_every_value_and_page(tmp_path):
    site = write_site(tmp_path / "site", FILTERED)
    raws = [raw_bundle(site, tmp_path / f"raw{n}") for n in range(4)]
    before = [filters_of(raw) for raw in raws]
    assert before[0]["unit"]["Biro Humas"] and all(meaning == before[0] for meaning in before)
    for raw in raws:
        settle(raw)
    assert [filters_of(raw) for raw in raws] == before
    assert all(files(raw) == files(raws[0]) for raw in raws)
    names = [value for value, _ in read_packed(next((raws[0] / "filter").iterdir()))[1]]
    assert names == sorted(names)


def test_a_filter_file_of_another_layout_is_refused(tmp_path):
    bundle = raw_bundle(write_site(tmp_path / "site", FILTERED), tmp_path / "out")
    some = next((bundle / "filter").iterdir())
    some.write_bytes(packed({"bukan": "daftar"}))
    with pytest.raises(UnknownBundle) as error:
        settle(bundle)
    assert str(error.value).startswith(f"{some.name}: not the filter ")
