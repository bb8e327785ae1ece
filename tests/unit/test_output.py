"""write_output keeps every generated file inside the output folder."""
from __future__ import annotations

import pytest

from siaran.output import OutputPathError, OutputStore, write_all, write_output


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


def test_same_bytes_become_one_stored_inode(tmp_path):
    store = OutputStore(tmp_path / "store")
    first = write_output(tmp_path / "a", "berita/x/index.html", b"<p>sama</p>", store)
    second = write_output(tmp_path / "b", "berita/x/index.html", b"<p>sama</p>", store)
    assert second.read_bytes() == b"<p>sama</p>"
    assert first.stat().st_ino == second.stat().st_ino
    assert first.stat().st_nlink == 3, "two output names and the stored body"


def test_new_bytes_never_write_through_a_shared_inode(tmp_path):
    store = OutputStore(tmp_path / "store")
    old = write_output(tmp_path / "a", "x.html", b"lama", store)
    again = write_output(tmp_path / "b", "x.html", b"lama", store)
    write_output(tmp_path / "b", "x.html", b"baru", store)
    assert again.read_bytes() == b"baru"
    assert old.read_bytes() == b"lama"
    assert sorted(p.read_bytes() for p in (tmp_path / "store").iterdir()) == [b"baru", b"lama"]


def test_a_damaged_stored_body_is_replaced_not_linked(tmp_path):
    store = OutputStore(tmp_path / "store")
    write_output(tmp_path / "a", "x.html", b"isi lengkap", store)
    (blob,) = (tmp_path / "store").iterdir()
    blob.unlink()
    blob.write_bytes(b"isi")            # cut short, e.g. by a full disk
    fresh = write_output(tmp_path / "b", "x.html", b"isi lengkap", store)
    assert fresh.read_bytes() == b"isi lengkap"


def test_prune_keeps_only_bodies_an_output_links_to(tmp_path):
    store = OutputStore(tmp_path / "store")
    write_all(tmp_path / "old", {"a.html": b"a", "b.html": b"b"}, store)
    write_all(tmp_path / "new", {"a.html": b"a", "c.html": b"c"}, store)
    import shutil
    shutil.rmtree(tmp_path / "old")
    assert store.prune() == 1
    assert sorted(p.read_bytes() for p in (tmp_path / "store").iterdir()) == [b"a", b"c"]


def test_without_hard_links_files_are_written_plainly(tmp_path, monkeypatch):
    import errno
    import os

    def no_links(*_):
        raise OSError(errno.EXDEV, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", no_links)
    store = OutputStore(tmp_path / "store")
    write_all(tmp_path / "out", {"a.html": b"a", "b/c.html": b"c"}, store)
    assert (tmp_path / "out" / "b" / "c.html").read_bytes() == b"c"
    assert not store.linkable


def test_a_body_with_too_many_links_is_written_as_its_own_file(tmp_path, monkeypatch):
    import errno
    import os

    store = OutputStore(tmp_path / "store")
    first = write_output(tmp_path / "a", "x.html", b"sama", store)

    def full(*_):
        raise OSError(errno.EMLINK, "Too many links")
    monkeypatch.setattr(os, "link", full)
    second = write_output(tmp_path / "b", "x.html", b"sama", store)
    assert second.read_bytes() == b"sama" and second.stat().st_ino != first.stat().st_ino
    assert store.linkable, "one body's limit is not the filesystem's"
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["x.html"], "no temporary file left"
