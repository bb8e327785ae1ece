"""write_output keeps every generated file inside the output folder."""
from __future__ import annotations

import pytest

from siaran.output import OutputPathError, write_all, write_output


def test_writes_nested_files(tmp_path):
    write_all(tmp_path, {"a/b/c.json": b"{}", "x.txt": b"x"})
    assert (tmp_path / "a" / "b" / "c.json").read_bytes() == b"{}"


@pytest.mark.parametrize("name", ["../luar.txt", "a/../../luar.txt", "/etc/passwd", ""])
def test_refuses_names_outside(tmp_path, name):
    root = tmp_path / "output"
    root.mkdir()
    with pytest.raises(OutputPathError):
        write_output(root, name, b"x")
    assert not (tmp_path / "luar.txt").exists()
