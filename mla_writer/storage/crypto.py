"""Encrypted drafts: a passphrase, scrypt, AES-256-GCM (the ``cryptography`` package).

File format (documented in ``docs/encrypted-drafts.md``), all integers unsigned::

    offset  size  field
    0       8     magic  b"MLAWENC\\x00"
    8       1     format version (1)
    9       1     key derivation (1 = scrypt)
    10      1     scrypt log2(N)      (15: N = 32768)
    11      1     scrypt r            (8)
    12      1     scrypt p            (1)
    13      16    salt (random, per file)
    29      12    nonce (random, per save)
    41      ...   AES-256-GCM ciphertext of the draft's JSON (UTF-8), then its 16-byte tag

The key is scrypt(passphrase as UTF-8 NFC, salt, N, r, p) -> 32 bytes. The 41 header bytes are
the associated data: changing any of them (a weaker N, another salt) fails the tag like a
change to the ciphertext. A wrong passphrase and a tampered file are told apart from a damaged
header, not from each other (GCM cannot): both are refused with one clear message.

A :class:`Sealer` holds a derived key and its salt; each :meth:`Sealer.seal` draws a new nonce,
so a draft saved again (and its autosave) costs no new key derivation.
"""

from __future__ import annotations

import os
import struct
import unicodedata

from ..i18n import N_
from .errors import DraftError

MAGIC = b"MLAWENC\x00"
VERSION = 1
KDF_SCRYPT = 1
_HEADER = struct.Struct(">8sBBBBB16s12s")
HEADER_SIZE = _HEADER.size  # 41
TAG_SIZE = 16
#: scrypt cost for new files: N = 2**15, r = 8, p = 1 (32 MiB, about 0.1 s).
DEFAULT_COST = (15, 8, 1)
#: What a file may ask for (a hostile header must not make the reader allocate gigabytes).
MAX_LOG2_N, MAX_R, MAX_P = 20, 16, 4


class PassphraseNeeded(DraftError):
    """The draft is encrypted and no passphrase was given."""


class WrongPassphrase(DraftError):
    """The passphrase does not open the draft, or the encrypted file was altered."""


def is_encrypted(data: bytes) -> bool:
    """True if ``data`` starts like an encrypted draft."""
    return data[: len(MAGIC)] == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(secret)


class Sealer:
    """Encrypts drafts with one key. ``Sealer(passphrase)`` makes a new salt (a new file);
    :meth:`open` reads an encrypted file and returns the sealer that re-saves it."""

    def __init__(self, passphrase: str, salt: bytes | None = None, cost: tuple[int, int, int] = DEFAULT_COST) -> None:
        if not passphrase:
            raise ValueError("an empty passphrase")
        self.salt = salt if salt is not None else os.urandom(16)
        self.cost = cost
        self._k = _key(passphrase, self.salt, *cost)

    def seal(self, plain: bytes) -> bytes:
        """``plain`` encrypted in the format above, with a new random nonce."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        header = _HEADER.pack(MAGIC, VERSION, KDF_SCRYPT, *self.cost, self.salt, nonce)
        return header + AESGCM(self._k).encrypt(nonce, plain, header)

    def unseal(self, data: bytes, source: str = "draft") -> bytes:
        """The plain bytes of an encrypted draft sealed with this key (see :func:`open_sealed`)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header, nonce = _header(data, source)
        try:
            return AESGCM(self._k).decrypt(nonce, data[HEADER_SIZE:], header)
        except InvalidTag:
            raise WrongPassphrase(N_("{source}: the passphrase is wrong, or the encrypted file was altered"),
                                  source=source) from None

    @classmethod
    def open(cls, data: bytes, passphrase: str, source: str = "draft") -> tuple["Sealer", bytes]:
        """Decrypt an encrypted draft: ``(sealer, plain bytes)``. Raises :class:`WrongPassphrase`
        (wrong passphrase or altered file) or :class:`DraftError` (not an encrypted draft this
        version can read, or cut short)."""
        _header(data, source)
        _magic, _version, _kdf, log2_n, r, p, salt, _nonce = _HEADER.unpack_from(data)
        if not passphrase:
            raise PassphraseNeeded(N_("{source} is encrypted: a passphrase is needed to open it"), source=source)
        sealer = cls(passphrase, salt, (log2_n, r, p))
        return sealer, sealer.unseal(data, source)


def _header(data: bytes, source: str) -> tuple[bytes, bytes]:
    if not is_encrypted(data):
        raise DraftError(N_("{source} is not an encrypted draft"), source=source)
    if len(data) < HEADER_SIZE + TAG_SIZE:
        raise DraftError(N_("{source} is an encrypted draft cut short (damaged)"), source=source)
    _magic, version, kdf, log2_n, r, p, _salt, nonce = _HEADER.unpack_from(data)
    if version != VERSION or kdf != KDF_SCRYPT:
        raise DraftError(N_("{source} is encrypted in a format this version of MLA Writer cannot read "
                            "(version {version}); install a newer version"), source=source, version=version)
    if not (10 <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise DraftError(N_("{source} is an encrypted draft with a damaged header"), source=source)
    return data[:HEADER_SIZE], nonce
