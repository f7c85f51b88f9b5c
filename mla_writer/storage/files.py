"""Reading and writing draft files safely.

Saving (:func:`atomic_write_bytes`):

- a symbolic link is followed: its target is replaced, the link stays a link;
- only a regular file is replaced (never a device such as /dev/full, a FIFO or a folder);
- a read-only file is never overwritten (:class:`DraftReadOnly`);
- with ``expect`` (a :class:`Stamp` taken when the draft was read), a file that changed on disk
  since then is not overwritten (:class:`DraftChangedOnDisk`);
- the new content goes to a temporary file beside the target (``.NAME.XXXX.tmp``), which gets
  the target's permissions (or, for a new file, those the umask gives), is flushed and fsynced,
  then renamed over the target;
- the previous version is copied to another temporary file, fsynced, and renamed to
  ``NAME.bak`` only once the new version is in place: the ``.bak`` is replaced atomically and
  is always a complete earlier version. It takes the draft's permissions plus the owner's write
  bit (never wider than the draft, always replaceable by the next save);
- a failure at any point removes the temporary files and leaves the draft and its ``.bak`` as
  they were; temporary files left by a crash (older than :data:`STALE_TMP_SECONDS`) are swept
  when the draft is next read or saved.

Reading (:func:`read_draft_bytes`): only a regular file (not a FIFO, a device or a folder), and
never more than the size limit (at most limit + 1 bytes are read).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from ..i18n import N_
from .errors import DraftChangedOnDisk, DraftError, DraftReadOnly

BACKUP_SUFFIX = ".bak"
#: A temporary file beside a draft older than this is left over from a crash (a save in
#: progress in another instance lasts milliseconds).
STALE_TMP_SECONDS = 60.0


class Stamp(NamedTuple):
    """What a draft file was when it was read or written: size, modification time, SHA-256."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: "Stamp | None") -> bool:
        return other is not None and self.size == other.size and self.sha256 == other.sha256


def target_of(path: str | os.PathLike[str]) -> Path:
    """The file a save to ``path`` writes: a symbolic link's final target, else ``path``."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}."


def sweep_stale_temps(path: str | os.PathLike[str], older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove the ``.NAME.*.tmp`` files a crashed save left beside the draft; return them."""
    target = target_of(path)
    prefix = _tmp_prefix(target)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def stamp_bytes(data: bytes, mtime_ns: int) -> Stamp:
    return Stamp(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def current_stamp(path: str | os.PathLike[str]) -> Stamp | None:
    """The stamp of the file now (None if it does not exist)."""
    try:
        data, st = _read_regular(target_of(path), None)
    except FileNotFoundError:
        return None
    return stamp_bytes(data, st.st_mtime_ns)


def _read_regular(path: Path, limit: int | None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (at most ``limit`` + 1) and its status. A FIFO is opened
    without blocking; anything but a regular file raises ``IsADirectoryError`` (folder) or
    ``_NotRegular``."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular(st.st_mode)
        chunks, total = [], 0
        want = None if limit is None else limit + 1
        while want is None or total < want:
            chunk = os.read(fd, 1 << 20 if want is None else min(1 << 20, want - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``: at most ``limit`` + 1 bytes, so that the caller
    can tell a file over its limit. A FIFO, a device or a socket is opened without blocking and
    never read.

    Raises ``OSError`` (``strerror`` says why, e.g. "Is a directory", "Not a regular file").
    """
    try:
        return _read_regular(Path(path), limit)[0]
    except _NotRegular:
        raise OSError(errno.EINVAL, "Not a regular file", str(path)) from None


class _NotRegular(Exception):
    def __init__(self, mode: int) -> None:
        self.mode = mode


def read_draft_bytes(path: str | os.PathLike[str], max_bytes: int) -> tuple[bytes, Stamp]:
    """Read a draft file: its bytes and its :class:`Stamp`. Any failure is a :class:`DraftError`."""
    path = Path(path)
    name = path.name or str(path)
    try:
        data, st = _read_regular(path, max_bytes)
    except FileNotFoundError:
        raise DraftError(N_("{source} does not exist"), source=str(path)) from None
    except IsADirectoryError:
        raise DraftError(N_("{source} is a folder, not a draft file"), source=name) from None
    except _NotRegular:
        raise DraftError(N_("{source} is not a regular file (a pipe, a device or a socket), not a draft file"),
                         source=name) from None
    except PermissionError:
        raise DraftError(N_("{source} cannot be read (permission denied)"), source=str(path)) from None
    except OSError as exc:
        raise DraftError(N_("{source} cannot be read ({reason})"), source=str(path), reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        size = max(st.st_size, len(data))
        raise DraftError(N_("{source} is {size} MB; a draft is never that large"), source=name, size=size // (1024 * 1024))
    sweep_stale_temps(path)
    return data, stamp_bytes(data, st.st_mtime_ns)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported on this platform (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _give_mode(fd: int, path: Path) -> None:
    """Give the new file the permissions the old one had, or those the user's umask gives a new
    file (``mkstemp`` makes it private, which would hide a draft from colleagues on a share)."""
    if not hasattr(os, "fchmod"):
        return  # Windows: permissions follow the folder
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = _umask_mode()
    os.fchmod(fd, mode)


def is_read_only(path: Path) -> bool:
    """True if the existing file at ``path`` must not be overwritten: no write permission for
    this user, or no write bit at all (root can write anything, but a 0444 draft was made
    read-only on purpose)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & 0o222


def _write_temp(folder: Path, prefix: str, data: bytes, mode_from: Path | None, mode: int | None = None) -> tuple[Path, os.stat_result]:
    """Write ``data`` to a new temporary file in ``folder`` (flushed and fsynced); remove it on failure."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        if mode is not None:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        elif mode_from is not None:
            _give_mode(fd, mode_from)
        view, done = memoryview(data), 0
        while done < len(data):
            done += os.write(fd, view[done:])
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp, st


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, backup: bool = True,
                       expect: Stamp | None = None, mode: int | None = None, backup_filter=None) -> Stamp:
    """Write ``data`` to ``path`` atomically, keeping the previous file as ``path.bak``; return
    the :class:`Stamp` of what was written. See the module's description for the guarantees.
    ``mode``: the permission bits of the new file and of its backup (``0o600`` for private
    settings); by default the previous file's, or the umask's for a new file.

    Raises :class:`DraftReadOnly` (a ``PermissionError``) for a read-only file,
    :class:`DraftChangedOnDisk` when ``expect`` is given and the file's content is no longer the
    one stamped, and ``OSError`` when writing fails (nothing then changed). ``backup_filter``
    (bytes -> bytes) turns the previous version into what the ``.bak`` holds (an encrypted
    draft saved over a plain one: its ``.bak`` is encrypted too).
    """
    target = target_of(path)
    folder = target.parent
    name = Path(path).name
    sweep_stale_temps(target)
    exists = target.exists()
    if exists and not target.is_file():  # a device, a FIFO, a folder: never replaced by a file
        raise OSError(errno.EINVAL, "not a regular file", str(target))
    if exists and is_read_only(target):
        raise DraftReadOnly(N_("{source} is read-only; save it under another name"), source=name)
    old: bytes | None = None
    if expect is not None or (backup and exists):
        try:
            old, st_old = _read_regular(target, None)
        except FileNotFoundError:
            old = None
        except _NotRegular:  # replaced by a device or a FIFO a moment ago
            raise OSError(errno.EINVAL, "not a regular file", str(target)) from None
        if expect is not None:
            now = stamp_bytes(old, st_old.st_mtime_ns) if old is not None else None
            if not expect.same_content(now):
                raise DraftChangedOnDisk(
                    N_("{source} was changed on disk since it was opened") if now is not None
                    else N_("{source} was deleted or moved since it was opened"),
                    current=now, source=name)
    prefix = _tmp_prefix(target)
    tmp, st_new = _write_temp(folder, prefix, data, target, mode)
    tmp_bak: Path | None = None
    try:
        if backup and old is not None:
            bak_mode = mode
            if bak_mode is None:
                try:
                    bak_mode = (target.stat().st_mode & 0o777) | 0o200
                except OSError:
                    bak_mode = _umask_mode()
            tmp_bak, _ = _write_temp(folder, prefix, old if backup_filter is None else backup_filter(old), None, bak_mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if tmp_bak is not None:
            tmp_bak.unlink(missing_ok=True)
        raise
    if tmp_bak is not None:
        try:
            os.replace(tmp_bak, target.with_name(target.name + BACKUP_SUFFIX))
        except OSError:  # the new version is saved; the .bak stays the one before
            tmp_bak.unlink(missing_ok=True)
    _fsync_dir(folder)
    return stamp_bytes(data, st_new.st_mtime_ns)


def atomic_write_text(path: str | os.PathLike[str], text: str, backup: bool = True,
                      expect: Stamp | None = None, mode: int | None = None) -> Stamp:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"), backup=backup, expect=expect, mode=mode)
