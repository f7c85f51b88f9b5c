"""The case register's database: one code path for SQLite (the default, one file in the user's
data folder) and PostgreSQL (a central authority's shared register).

Where it is (:func:`register_url`): the environment variable ``MLA_WRITER_REGISTER_URL``, else
the URL the user set in Settings, else ``register.sqlite`` in :func:`default_folder`. A
PostgreSQL URL may be written ``postgresql://user@host/db``; the driver is psycopg 3.

Every write is one transaction. SQLite writers take the write lock when their transaction
begins (``BEGIN IMMEDIATE``) and wait up to :data:`SQLITE_BUSY_SECONDS` for another one; on
PostgreSQL a card is written with ``INSERT ... ON CONFLICT DO UPDATE``, so two desks writing
at once lose nothing. A server that cannot be reached raises :class:`RegisterOffline`: the
application keeps working on its files and nothing is queued.

Besides the database, each desk keeps a journal of the draft files it has indexed
(``known-files.txt`` beside the SQLite file): when the database is deleted, or a new empty one
is named, opening it rebuilds the cards from those files (:meth:`Register.rebuild`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, delete, event, func, insert, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ..i18n import N_
from .entry import Deadline, Entry, absolute, read_entry
from .tables import DeadlineRow, LetterRow

ENV_URL = "MLA_WRITER_REGISTER_URL"
#: Folder of the default SQLite register and of the journal (tests set it; default: user data).
ENV_DIR = "MLA_WRITER_REGISTER_DIR"
SQLITE_NAME = "register.sqlite"
JOURNAL_NAME = "known-files.txt"
SQLITE_BUSY_SECONDS = 30
#: Seconds to wait for a PostgreSQL server before saying the register is offline.
CONNECT_TIMEOUT = 5

_LETTERS = LetterRow.__table__
_DEADLINES = DeadlineRow.__table__
_DELETE_DEADLINES = delete(_DEADLINES).where(_DEADLINES.c.letter_id == bindparam("letter_id"))
_INSERT_DEADLINE = insert(_DEADLINES)


#: Short messages of :class:`RegisterError` (domain "ui"); ``{place}`` is :func:`place`.
OFFLINE = N_("The case register ({place}) cannot be reached.")
FAILED = N_("The case register ({place}) failed.")
BUSY = N_("The case register ({place}) is busy: another program holds it.")
NOT_A_URL = N_("This is not a database address: {address}")
NO_DRIVER = N_("The database driver for the case register cannot be loaded.")
NOT_A_BACKEND = N_("The case register can be SQLite or PostgreSQL, not {backend}.")
NO_FOLDER = N_("The folder of the case register cannot be made: {folder}")
NOT_A_FOLDER = N_("{folder} is not a folder.")
THIS_COMPUTER = N_("this computer")
SHARED_PLACE = N_("database {database} on server {host}")


class RegisterError(Exception):
    """The register cannot do what was asked. ``msgid`` (domain "ui") with ``params`` is one
    short sentence for the user (:meth:`summary`); ``detail`` the technical reason (the
    driver's English text, never a password; may be ""); ``url`` the register's URL, named
    in the sentence by :func:`place`. ``str()`` is the English sentence and the detail."""

    def __init__(self, msgid: str, /, detail: str = "", url: str = "", **params: Any) -> None:
        self.msgid, self.detail, self.url, self.params = msgid, detail, url, params
        text = self.summary("en")
        super().__init__(f"{text} ({detail})" if detail else text)

    def summary(self, lang: str = "en") -> str:
        """The one short sentence in UI language ``lang``."""
        from ..i18n import ui_gettext

        return ui_gettext(lang)(self.msgid).format(place=place(self.url, lang) if self.url else "", **self.params)


class RegisterOffline(RegisterError):
    """The register's database cannot be reached (a server down, a network gone, a file that
    cannot be opened). Nothing was written and nothing is queued."""


def _mask(text: str) -> str:
    """``text`` with any ``user:password@`` of a URL in it written ``user:***@``."""
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


def place(url: str, lang: str = "en") -> str:
    """Which register ``url`` is, in words of ``lang``: "this computer" for SQLite, "database
    DB on server HOST[:PORT]" for PostgreSQL (never a user or password); "?" if unreadable."""
    from ..i18n import ui_gettext

    _ = ui_gettext(lang)
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "?"
    if parsed.get_backend_name() == "sqlite":
        return _(THIS_COMPUTER)
    host = (parsed.host or "localhost") + (f":{parsed.port}" if parsed.port else "")
    return _(SHARED_PLACE).format(database=parsed.database or "?", host=host)


def default_folder() -> Path:
    """The folder of the default register: ``$MLA_WRITER_REGISTER_DIR``, else the user's data
    folder of the application (platformdirs; ``~/.local/share/MLA Writer`` on Linux)."""
    folder = os.environ.get(ENV_DIR)
    if folder:
        return Path(folder)
    import platformdirs

    return Path(platformdirs.user_data_dir("MLA Writer", appauthor=False))


def register_url(setting: str | None = None) -> str:
    """The database URL: ``$MLA_WRITER_REGISTER_URL``, else ``setting`` (from Settings), else the
    SQLite file in :func:`default_folder`. ``postgres://`` and ``postgresql://`` are given the
    psycopg 3 driver."""
    url = (os.environ.get(ENV_URL) or setting or "").strip()
    if not url:
        return "sqlite:///" + str(default_folder() / SQLITE_NAME)
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def effective_url(setting: str | None = None) -> tuple[str, str]:
    """``(url, source)``: :func:`register_url` and where it comes from: "environment"
    (``$MLA_WRITER_REGISTER_URL``, which wins), "setting" or "default" (this computer)."""
    source = "environment" if (os.environ.get(ENV_URL) or "").strip() else "setting" if (setting or "").strip() else "default"
    return register_url(setting), source


def describe_url(url: str) -> str:
    """The URL without its password, to show."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "?"


@dataclasses.dataclass
class ScanResult:
    """What a scan or rebuild did: ``indexed`` paths, ``missing`` paths (kept as missing), and
    ``failed`` ``(path, error)`` for files that are not readable drafts (a DraftError or
    OSError; :func:`reason_text` says it in a UI language)."""

    indexed: list[str] = dataclasses.field(default_factory=list)
    missing: list[str] = dataclasses.field(default_factory=list)
    failed: list[tuple[str, BaseException]] = dataclasses.field(default_factory=list)


def reason_text(error: BaseException, lang: str = "en") -> str:
    """Why a file was not read, in UI language ``lang``: a DraftError's localized message, an
    OSError's system text (the system's language)."""
    if hasattr(error, "localized"):
        return error.localized(lang)
    if isinstance(error, OSError):
        return str(error.strerror or error)
    return str(error)


def _reason(exc: BaseException) -> str:
    """The driver's reason for ``exc`` on one line (passwords masked)."""
    reason = getattr(exc, "orig", None) or exc
    return _mask(" ".join(str(reason).split())[:300] or type(reason).__name__)


def _offline(exc: BaseException, url: str) -> RegisterOffline:
    return RegisterOffline(OFFLINE, _reason(exc), url)


def _make_engine(url: str, timeout: int) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RegisterError(NOT_A_URL, address=_mask(url)) from None
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                try:
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                except OSError as exc:
                    raise RegisterOffline(NO_FOLDER, str(exc.strerror or exc), url,
                                          folder=str(Path(parsed.database).parent)) from None
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})

            @event.listens_for(engine, "connect")
            def _connect(dbapi_connection, _record):  # pragma: no cover - trivial
                dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
                dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
                dbapi_connection.execute("PRAGMA foreign_keys = ON")
                # what a card loses (an encrypted draft's former content) is overwritten with
                # zeros in the file, not left in free pages
                dbapi_connection.execute("PRAGMA secure_delete = ON")
                # write-ahead log: a commit costs one sync, readers never wait for a writer.
                # (The file must be on a local disk, as the user's data folder is; a register
                # shared between computers is PostgreSQL's job.)
                dbapi_connection.execute("PRAGMA journal_mode = WAL")
                dbapi_connection.execute("PRAGMA synchronous = NORMAL")

            @event.listens_for(engine, "begin")
            def _begin(conn):  # pragma: no cover - trivial
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock now: no deadlock on upgrade

            return engine
        if backend == "postgresql":
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            return create_engine(parsed, connect_args={"connect_timeout": timeout}, pool_pre_ping=True)
    except NoSuchModuleError:
        raise RegisterError(NO_DRIVER, f"no database driver for {parsed.drivername}") from None
    except ImportError as exc:
        raise RegisterError(NO_DRIVER, str(exc)) from None
    raise RegisterError(NOT_A_BACKEND, backend=backend)


def other_letter(card: Entry, found: Entry) -> bool:
    """True when ``found`` (the card of a file the user located) is plainly another letter than
    ``card``: both have content and their reference or requesting State differ. A card without
    content (encrypted, or rebuilt from a path only) cannot be compared: False."""
    def has_content(e: Entry) -> bool:
        return not e.encrypted and bool(e.reference or e.requesting_state)

    if not (has_content(card) and has_content(found)):
        return False
    return (card.reference, card.requesting_state) != (found.reference, found.requesting_state)


def _migrations_folder() -> Path:
    return Path(__file__).parent / "migrations"


def upgrade(conn: Connection) -> bool:
    """Bring the schema to the newest Alembic revision inside ``conn``'s transaction; True when
    the database had no register before (a new file, an empty PostgreSQL database). Two
    processes opening one new database at once create it once (SQLite: the write lock;
    PostgreSQL: an advisory lock)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7240531)")
    fresh = MigrationContext.configure(conn).get_current_revision() is None
    config = Config()
    config.set_main_option("script_location", str(_migrations_folder()))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    return fresh


class Register:
    """An open case register. Use :meth:`open`. Every method raises :class:`RegisterOffline`
    when the database cannot be reached and :class:`RegisterError` for other failures."""

    def __init__(self, url: str, engine: Engine, journal: Path) -> None:
        self.url = url
        self.engine = engine
        self.journal = journal
        self.created = False
        self._statements: dict[str, Any] = {}
        self._known: set[str] | None = None  # the journal's paths, once read

    @classmethod
    def open(cls, url: str | None = None, *, setting: str | None = None, journal: Path | None = None,
             timeout: int = CONNECT_TIMEOUT, rebuild: bool = True) -> "Register":
        """Open (and create or upgrade) the register at ``url`` (default :func:`register_url`).
        A register on this computer (SQLite) just created is rebuilt from the journal's files
        when ``rebuild``; a shared one (PostgreSQL) is never filled from this desk's journal
        unasked (:meth:`add_known_files` does it on request)."""
        url = url or register_url(setting)
        engine = _make_engine(url, timeout)
        self = cls(url, engine, journal or default_folder() / JOURNAL_NAME)
        with self._transaction() as conn:
            self.created = upgrade(conn)
        if self.created and rebuild and self.backend == "sqlite" and self.known_files():
            self.rebuild()
        return self

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One transaction; a connection failure becomes :class:`RegisterOffline`."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            if isinstance(exc.orig, Exception) and "locked" in str(exc.orig).lower():
                raise RegisterError(BUSY, _reason(exc), self.url) from None
            if exc.connection_invalidated or type(exc).__name__ in ("OperationalError", "InterfaceError"):
                raise _offline(exc, self.url) from None
            raise RegisterError(FAILED, _reason(exc), self.url) from None
        except SQLAlchemyError as exc:
            raise RegisterError(FAILED, _reason(exc), self.url) from None

    # -- the journal of known files (this desk) -----------------------------------------------
    def known_files(self) -> list[str]:
        """The files this desk has indexed and not removed, in the order first seen."""
        try:
            text = self.journal.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        known: dict[str, None] = {}
        for line in text.splitlines():
            if line[:1] == "+":
                known[line[1:]] = None
            elif line[:1] == "-":
                known.pop(line[1:], None)
        return list(known)

    def _note(self, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
        """Append to the journal: ``added`` paths not yet in it, ``removed`` ones."""
        if self._known is None:
            self._known = set(self.known_files())
        removed = [p for p in removed if "\n" not in p]
        added = [p for p in dict.fromkeys(added) if "\n" not in p and p not in self._known]
        lines = [f"-{p}\n" for p in removed] + [f"+{p}\n" for p in added]
        self._known.difference_update(removed)
        self._known.update(added)
        if not lines:
            return
        try:
            self.journal.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, "".join(lines).encode("utf-8"))  # one append: lines of two writers never interleave
            finally:
                os.close(fd)
        except OSError:
            pass  # the register itself has the cards; only a later rebuild would miss these

    # -- writes -------------------------------------------------------------------------------
    def _upsert_statement(self, dialect: str):
        """``INSERT ... ON CONFLICT (path) DO UPDATE ... RETURNING id``, built once (parameters
        are given at execution)."""
        cached = self._statements.get(dialect)
        if cached is None:
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as upsert
            else:
                from sqlalchemy.dialects.sqlite import insert as upsert
            stmt = upsert(_LETTERS)
            columns = [c.name for c in _LETTERS.c if c.name not in ("id", "path")]
            cached = stmt.on_conflict_do_update(index_elements=[_LETTERS.c.path],
                                                set_={k: stmt.excluded[k] for k in columns}).returning(_LETTERS.c.id)
            self._statements[dialect] = cached
        return cached

    def _write_entry(self, conn: Connection, entry: Entry) -> int:
        values = {
            "path": entry.path, "file_name": entry.file_name, "encrypted": entry.encrypted,
            "requesting_reference": entry.requesting_reference, "court_case_number": entry.court_case_number,
            "requested_reference": entry.requested_reference, "requesting_state": entry.requesting_state,
            "requested_state": entry.requested_state,
            "kinds": "".join(f",{k}" for k in entry.kinds) + ("," if entry.kinds else ""),
            "status": entry.status, "next_deadline": entry.next_deadline, "changed_at": entry.changed_at,
            "changed_by": entry.changed_by, "content_hash": entry.content_hash,
            "indexed_at": dt.datetime.now(dt.timezone.utc),
        }
        letter_id = conn.execute(self._upsert_statement(conn.dialect.name), values).scalar_one()
        conn.execute(_DELETE_DEADLINES, {"letter_id": letter_id})
        if entry.deadlines:
            conn.execute(_INSERT_DEADLINE, [
                {"letter_id": letter_id, "due": d.due, "source": d.source, "kind": d.kind, "measure": d.measure}
                for d in entry.deadlines])
        return letter_id

    def upsert(self, entry: Entry) -> None:
        """Write ``entry``'s card (one transaction), replacing the card of the same path. When a
        card with content becomes an encrypted one (a plain draft saved encrypted), SQLite's
        log is emptied into the file (:meth:`_purge`), so that no copy of the old content stays."""
        reduced = False
        with self._transaction() as conn:
            if entry.encrypted and conn.dialect.name == "sqlite":
                before = conn.execute(select(_LETTERS.c.encrypted).where(_LETTERS.c.path == entry.path)).first()
                reduced = before is not None and not before[0]
            self._write_entry(conn, entry)
        self._note(added=[entry.path])
        if reduced:
            self._purge()

    def _purge(self) -> None:
        """SQLite: write the log into the file and truncate it (``wal_checkpoint(TRUNCATE)``);
        with ``secure_delete`` the freed space of the file is zeros. Best effort: a checkpoint
        that another reader holds back is done by a later one."""
        if self.backend != "sqlite":
            return
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - busy: the next checkpoint does it
            pass
        finally:
            raw.close()

    def upsert_many(self, entries: Iterable[Entry]) -> int:
        """Write many cards in one transaction (an import); returns how many."""
        entries = list(entries)
        with self._transaction() as conn:
            for entry in entries:
                self._write_entry(conn, entry)
        self._note(added=[e.path for e in entries])
        return len(entries)

    def record(self, path: str | os.PathLike[str]) -> Entry:
        """Read the draft at ``path`` (an encrypted one is not opened) and write its card.
        Raises DraftError / OSError for a file that is not a readable draft."""
        entry = read_entry(path)
        self.upsert(entry)
        return entry

    def forget(self, path: str) -> None:
        """Remove the card of ``path`` (the file is not touched)."""
        with self._transaction() as conn:
            conn.execute(delete(_LETTERS).where(_LETTERS.c.path == path))
        self._note(removed=[path])

    def locate(self, old_path: str, new_path: str | os.PathLike[str], entry: Entry | None = None) -> Entry:
        """The file of card ``old_path`` is now at ``new_path``: read it there (or take ``entry``,
        its card already read) and move the card (one transaction). Raises DraftError / OSError
        if the new file is not a readable draft. Check :func:`other_letter` first."""
        entry = entry or read_entry(new_path)
        with self._transaction() as conn:
            if entry.path != old_path:
                conn.execute(delete(_LETTERS).where(_LETTERS.c.path == old_path))
            self._write_entry(conn, entry)
        self._note(added=[entry.path], removed=[old_path] if entry.path != old_path else [])
        return entry

    def add_known_files(self) -> ScanResult:
        """Add the drafts this desk's journal knows (the files that still exist) to this
        register: for a shared register, on the user's request. A file that is gone is listed
        in ``missing`` and gets no card."""
        result = ScanResult()
        carded = self._hashes()
        for path in self.known_files():
            if not os.path.exists(path):
                result.missing.append(path)
                continue
            self._index(path, path, carded, result)
        return result

    def scan(self, folder: str | os.PathLike[str]) -> ScanResult:
        """Index every draft (``*.mlar``) under ``folder``, recursively; one transaction per file."""
        from ..storage import EXTENSION

        result = ScanResult()
        root = Path(folder)
        if not root.is_dir():
            raise RegisterError(NOT_A_FOLDER, folder=str(folder))
        carded = self._hashes()
        for path in sorted(root.rglob(f"*{EXTENSION}")):
            if not path.is_file():
                continue
            self._index(path, absolute(path), carded, result)
        return result

    def rebuild(self) -> ScanResult:
        """Read again every file this register (and, on SQLite, this desk's journal) knows: a readable file's
        card is rewritten; a file that is gone keeps its card (shown as missing), or gets a bare
        card (its path only) when the database had none; an unreadable one is left as it was."""
        result = ScanResult()
        carded = self._hashes()
        # a shared register is not given this desk's journal here (that is add_known_files, asked)
        journal = self.known_files() if self.backend == "sqlite" else []
        for path in dict.fromkeys([*journal, *sorted(carded)]):
            if not os.path.exists(path):
                if path not in carded:
                    self.upsert(Entry(path=path, file_name=Path(path).name, status=""))
                result.missing.append(path)
                continue
            self._index(path, path, carded, result)
        return result

    def _index(self, path: str | os.PathLike[str], key: str, carded: dict[str, str], result: "ScanResult") -> None:
        """Write ``path``'s card (keyed ``key``) unless its bytes are those of the card; note in
        ``result`` that it was indexed, or why it could not be read."""
        from ..storage import DraftError

        try:
            self._record_if_changed(path, carded.get(key))
            result.indexed.append(key)
        except (DraftError, OSError) as exc:
            result.failed.append((str(path), exc))

    def _hashes(self) -> dict[str, str]:
        """path -> content hash of every card."""
        with self._transaction() as conn:
            return dict(conn.execute(select(_LETTERS.c.path, _LETTERS.c.content_hash)).all())

    def _record_if_changed(self, path: str | os.PathLike[str], known_hash: str | None) -> None:
        """:meth:`record`, unless the file's bytes are those the card was made from."""
        from .entry import file_facts

        if known_hash:
            digest, _mtime = file_facts(path)
            if digest == known_hash:
                self._note(added=[absolute(path)])
                return
        self.record(path)

    # -- reads --------------------------------------------------------------------------------
    def entries(self, *, search: str = "", state: str = "", status: str = "", kind: str = "",
                deadline_before: dt.date | None = None, check_files: bool = True,
                path: str | None = None) -> list[Entry]:
        """The cards, earliest deadline first (no deadline last), filtered: ``search`` in the
        references, file name and States (case-insensitive); ``state`` requesting or requested
        State (ISO code); ``status``; ``kind`` of assistance; ``deadline_before`` a next deadline
        on or before that date. With ``check_files`` each card says whether its file is missing."""
        query = select(_LETTERS)
        if path is not None:
            query = query.where(_LETTERS.c.path == path)
        if search.strip():
            pattern = f"%{search.strip().lower()}%"
            query = query.where(or_(*(func.lower(c).like(pattern) for c in (
                _LETTERS.c.requesting_reference, _LETTERS.c.court_case_number, _LETTERS.c.requested_reference,
                _LETTERS.c.file_name, _LETTERS.c.requesting_state, _LETTERS.c.requested_state))))
        if state:
            query = query.where(or_(_LETTERS.c.requesting_state == state.upper(), _LETTERS.c.requested_state == state.upper()))
        if status:
            query = query.where(_LETTERS.c.status == status)
        if kind:
            query = query.where(_LETTERS.c.kinds.like(f"%,{kind},%"))
        if deadline_before is not None:
            query = query.where(_LETTERS.c.next_deadline <= deadline_before)
        query = query.order_by(_LETTERS.c.next_deadline.is_(None), _LETTERS.c.next_deadline, _LETTERS.c.path)
        with self._transaction() as conn:
            rows = conn.execute(query).mappings().all()
            ids = [r["id"] for r in rows]
            deadlines: dict[int, list[Deadline]] = {}
            if ids:
                dq = select(_DEADLINES).order_by(_DEADLINES.c.due, _DEADLINES.c.id)
                if len(ids) < 1000:
                    dq = dq.where(_DEADLINES.c.letter_id.in_(ids))
                for d in conn.execute(dq).mappings():
                    deadlines.setdefault(d["letter_id"], []).append(
                        Deadline(d["due"], d["source"], d["kind"], d["measure"]))
        return [self._entry(r, deadlines.get(r["id"], []), check_files) for r in rows]

    @staticmethod
    def _entry(row: Any, deadlines: list[Deadline], check_files: bool) -> Entry:
        changed = row["changed_at"]
        if changed is not None and changed.tzinfo is None:  # SQLite keeps no offset: it was UTC
            changed = changed.replace(tzinfo=dt.timezone.utc)
        return Entry(
            path=row["path"], file_name=row["file_name"], encrypted=row["encrypted"],
            requesting_reference=row["requesting_reference"], court_case_number=row["court_case_number"],
            requested_reference=row["requested_reference"], requesting_state=row["requesting_state"],
            requested_state=row["requested_state"], kinds=tuple(k for k in row["kinds"].split(",") if k),
            status=row["status"], deadlines=tuple(deadlines), changed_at=changed, changed_by=row["changed_by"],
            content_hash=row["content_hash"], missing=check_files and not os.path.exists(row["path"]), id=row["id"])

    def entry(self, path: str | os.PathLike[str]) -> Entry | None:
        """The card of ``path``, or None."""
        found = self.entries(path=absolute(path))
        return found[0] if found else None

    def count(self) -> int:
        with self._transaction() as conn:
            return conn.execute(select(func.count()).select_from(_LETTERS)).scalar_one()

    def statuses(self) -> list[str]:
        with self._transaction() as conn:
            return sorted(s for s in conn.execute(select(_LETTERS.c.status).distinct()).scalars() if s)
