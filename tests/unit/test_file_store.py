"""Attachments: stored once per hash, checked on every read, problems found by check().

On SQLite the folder is the one beside the file (utq-files); on PostgreSQL the same tests
use a shared folder configured with UTQ_FILE_STORE, as a server deployment would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from database_backends import TempDatabase

from utq_desktop.environment import FILE_STORE_ENV_VAR
from utq_desktop.errors import ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.files import FileStoreError
from utq_desktop.store.files import FileStore


@pytest.fixture
def services(
    database: TempDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    """Files in tmp_path/utq-files: beside utq.sqlite, or the server's shared folder."""
    if database.is_postgres:
        monkeypatch.setenv(FILE_STORE_ENV_VAR, str(tmp_path / "utq-files"))
    opened = database.open("tester")
    yield opened
    opened.close()


def store(services: Services, path: Path) -> str:
    upload = services.files.read_upload(path)
    with services.context.transaction() as session:
        return services.files.store(session, upload)


def test_same_file_twice_is_stored_once(services: Services, tmp_path: Path) -> None:
    first = tmp_path / "cv.pdf"
    first.write_bytes(b"%PDF-1.4 educational CV")
    copy = tmp_path / "cv (copy).pdf"
    copy.write_bytes(first.read_bytes())
    digest = store(services, first)
    assert store(services, copy) == digest == hashlib.sha256(first.read_bytes()).hexdigest()
    folder = tmp_path / "utq-files"
    assert [p.name for p in folder.rglob("*") if p.is_file()] == [digest]
    assert services.files.content(digest) == first.read_bytes()


def test_export_and_open_copy_give_the_bytes_back(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("observation report")
    digest = store(services, source)
    target = tmp_path / "out.txt"
    services.files.export(digest, target)
    assert target.read_text() == "observation report"
    opened = services.files.open_copy(digest, "Observatie Doğan.txt")
    assert opened.name == "Observatie Doğan.txt"
    assert opened.read_text() == "observation report"


def test_check_finds_tampered_and_missing_files(services: Services, tmp_path: Path) -> None:
    good, bad, gone = (tmp_path / n for n in ("good.txt", "bad.txt", "gone.txt"))
    good.write_text("fine")
    bad.write_text("original")
    gone.write_text("will vanish")
    digests = {p.name: store(services, p) for p in (good, bad, gone)}
    folder = tmp_path / "utq-files"
    (folder / digests["bad.txt"][:2] / digests["bad.txt"]).write_text("tampered")
    (folder / digests["gone.txt"][:2] / digests["gone.txt"]).unlink()
    problems = {(p.sha256, p.problem) for p in services.files.check()}
    assert problems == {(digests["bad.txt"], "damaged"), (digests["gone.txt"], "missing")}
    with pytest.raises(FileStoreError, match="changed or damaged"):
        services.files.content(digests["bad.txt"])
    with pytest.raises(FileStoreError, match="missing"):
        services.files.content(digests["gone.txt"])


def test_storing_again_restores_a_missing_file(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("again")
    digest = store(services, source)
    (tmp_path / "utq-files" / digest[:2] / digest).unlink()
    store(services, source)
    assert services.files.check() == []


def test_too_big_and_unreadable_files_are_refused(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import utq_desktop.services.files as files_module

    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 10)
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 11)
    with pytest.raises(ValidationError, match="at most 0 MB"):
        services.files.read_upload(big)
    with pytest.raises(ValidationError, match="Cannot read"):
        services.files.read_upload(tmp_path / "nowhere.pdf")
    with pytest.raises(ValidationError, match="is not a file"):
        services.files.read_upload(tmp_path)


def test_files_can_live_in_the_database(services: Services, tmp_path: Path) -> None:
    services.context.database.files = FileStore(None)
    source = tmp_path / "in-db.txt"
    source.write_text("kept in the database")
    digest = store(services, source)
    assert not (tmp_path / "utq-files").exists()
    assert services.files.content(digest) == b"kept in the database"
    assert services.files.check() == []


def test_a_failed_write_stores_nothing(services: Services, tmp_path: Path) -> None:
    services.context.database.files = FileStore(tmp_path / "not-a-folder.txt")
    (tmp_path / "not-a-folder.txt").write_text("a file where the folder should be")
    source = tmp_path / "x.txt"
    source.write_text("x")
    with pytest.raises(FileStoreError, match="nothing was saved"):
        store(services, source)
    with services.context.read() as session:
        from utq_desktop.domain.models import StoredFile

        assert session.query(StoredFile).count() == 0


def test_damaged_bytes_in_the_database_are_found(
    services: Services, database: TempDatabase, tmp_path: Path
) -> None:
    """In the database (bytea on PostgreSQL) the bytes are checked against their hash too."""
    services.context.database.files = FileStore(None)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("fine")
    bad.write_text("original")
    digests = {p.name: store(services, p) for p in (good, bad)}
    database.execute(
        "UPDATE stored_file SET content = ? WHERE sha256 = ?", b"tampered", digests["bad.txt"]
    )
    assert [(p.sha256, p.problem) for p in services.files.check()] == [
        (digests["bad.txt"], "damaged")
    ]
    with pytest.raises(FileStoreError, match="changed or damaged"):
        services.files.content(digests["bad.txt"])
    assert services.files.content(digests["good.txt"]) == b"fine"


@pytest.mark.parametrize("where", ["folder", "database"])
def test_a_colleague_reaches_the_same_attachments(
    services: Services, database: TempDatabase, tmp_path: Path, where: str
) -> None:
    """Two users of one database: what one attaches, the other opens (and checks)."""
    colleague = database.open("bram")
    if where == "database":
        services.context.database.files = FileStore(None)
        colleague.context.database.files = FileStore(None)
    assert colleague.context.database.files.folder == services.context.database.files.folder
    source = tmp_path / "observation.pdf"
    source.write_bytes(b"%PDF-1.4 class observation")
    digest = store(services, source)
    assert colleague.files.content(digest) == source.read_bytes()
    assert colleague.files.check() == []
    if where == "folder":
        (tmp_path / "utq-files" / digest[:2] / digest).unlink()
        assert [(p.sha256, p.problem) for p in colleague.files.check()] == [(digest, "missing")]
