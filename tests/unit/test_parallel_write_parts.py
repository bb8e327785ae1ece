"""The build's cleanup rule, without a build."""
from __future__ import annotations

from siaran.build import run_all


def test_every_cleanup_step_runs_and_the_first_failure_is_raised():
    ran = []

    def fail(name):
        ran.append(name)
        raise RuntimeError(name)
    try:
        run_all([lambda: fail("satu"), lambda: ran.append("dua"), lambda: fail("tiga")])
    except RuntimeError as error:
        assert str(error) == "satu"
    else:
        raise AssertionError("the failure was swallowed")
    assert ran == ["satu", "dua", "tiga"]
