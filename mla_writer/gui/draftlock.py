"""One window edits a draft at a time: a lock file beside the draft (``.~NAME.lock``, as office
suites do), held while the draft is open and removed when it is closed.

The lock is a :class:`QLockFile` (process id, host name, application): a lock whose process died
on this computer is stale and is taken over without a word. A draft whose lock is held (another
window, another colleague's computer on a shared folder) is not opened for editing without the
user's choice: open it read-only (saving then asks for another name), open it anyway (the save
still refuses to overwrite a file changed since it was opened), or cancel. A folder where no
lock can be made (read-only, a CD) leaves the draft unlocked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(draft: Path) -> Path:
    """The lock file of ``draft``: beside the file itself, a symbolic link followed to its
    target (two windows opening one draft through different links share one lock)."""
    import os

    real = Path(os.path.realpath(draft))
    return real.with_name(f".~{real.name}.lock")


class DraftLock:
    """The lock of one draft file. :meth:`acquire` tries to take it; :meth:`holder` says who has it."""

    def __init__(self, draft: Path) -> None:
        self.draft = Path(draft)
        self.lock = QLockFile(str(lock_path(self.draft)))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone (never by age)

    def acquire(self) -> bool:
        """True if this window now holds the lock, or none can be made here (nothing to guard)."""
        if self.lock.tryLock(0):
            return True
        return self.lock.error() != QLockFile.LockError.LockFailedError

    def holder(self) -> tuple[str, int]:
        """(host name, process id) of whoever holds the lock (("", 0) if unknown)."""
        info = self.lock.getLockInfo()  # PySide6: (pid, host, application); some versions put ok first
        if isinstance(info, tuple) and len(info) == 4:
            info = info[1:] if info[0] else (0, "", "")
        try:
            pid, host, _app = info
            return str(host or ""), int(pid or 0)
        except (TypeError, ValueError):
            return "", 0

    def held(self) -> bool:
        return self.lock.isLocked()

    def release(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()  # (removes the file)
