"""The bench-build table: medians and ratios computed from the measured runs."""
from __future__ import annotations

from siaran.bench import Measured, table


def test_table_reports_medians_and_ratios():
    ours = Measured("Siaran", [3.0, 5.0, 4.0], peak_mib=90, pages=150, cold=20.0)
    plain = Measured("Pelican", [2.0, 2.0, 9.0], peak_mib=60, pages=100)
    text = table(10, [ours, plain])
    assert "| Siaran | 20.00 | 4.00 | 3.00, 5.00, 4.00 | 90 | 150 |" in text
    assert "| Pelican | – | 2.00 |" in text
    assert "| ratio Siaran / Pelican | 10.00× | 2.00× | | 1.50× | 1.50× |" in text


def test_one_ratio_row_per_peer():
    ours = Measured("Siaran", [4.0], peak_mib=80, pages=200, cold=8.0)
    plain = Measured("Pelican", [2.0], peak_mib=40, pages=100)
    cached = Measured("Pelican cached", [1.0], peak_mib=40, pages=100)
    rows = [line for line in table(5, [ours, plain, cached]).splitlines() if line.startswith("| ratio")]
    assert rows == ["| ratio Siaran / Pelican | 4.00× | 2.00× | | 2.00× | 2.00× |",
                    "| ratio Siaran / Pelican cached | 8.00× | 4.00× | | 2.00× | 2.00× |"]


def test_variants_of_our_build_have_a_cold_time_and_no_ratio_row():
    ours = Measured("Siaran", [4.0], peak_mib=80, pages=200, cold=8.0, ours=True)
    off = Measured("Siaran, photo renditions off", [3.0], peak_mib=80, pages=200, cold=6.0, ours=True)
    plain = Measured("Pelican", [2.0], peak_mib=40, pages=100)
    text = table(5, [ours, off, plain])
    assert "| Siaran, photo renditions off | 6.00 | 3.00 | 3.00 | 80 | 200 |" in text
    assert [line for line in text.splitlines() if line.startswith("| ratio")] == [
        "| ratio Siaran / Pelican | 4.00× | 2.00× | | 2.00× | 2.00× |"]


def test_phone_table_compares_after_with_before():
    from siaran.bench_photos import PhoneImages, table as phone_table
    text = phone_table([PhoneImages("before", (4, 71_680), (6, 113_664)),
                        PhoneImages("after", (4, 21_504), (6, 29_696))])
    assert "| before | 4 | 70.0 | 6 | 111.0 |" in text
    assert "| after | 4 | 21.0 | 6 | 29.0 |" in text
    assert text.splitlines()[-1] == "| after / before | | 0.30× | | 0.26× |"


def test_against_table_gives_the_ratio_now_to_then():
    from siaran.bench import against_table
    now = Measured("Siaran now", [2.10, 2.00, 2.30], peak_mib=60, pages=100)
    then = Measured("Siaran at abc", [2.00, 2.05, 1.95], peak_mib=50, pages=100)
    text = against_table(1000, [now, then])
    assert "| Siaran now | 2.10 | 2.10, 2.00, 2.30 | 60 | 100 |" in text
    assert "| ratio now / then | 1.050× | | 1.20× | |" in text
