"""The letter as PDF/A-2b, converted from the .docx by LibreOffice (headless). No Qt here.

LibreOffice is the only converter: no network service, no Word. Each conversion runs its own
``soffice --headless --convert-to pdf`` process with a fresh, temporary LibreOffice profile
(``-env:UserInstallation=file:///tmp/mla-writer-pdf-.../profile``), so conversions never share
or lock the user's own LibreOffice profile and several may run at once. The profile is seeded
before the start with the settings the conversion relies on:

- PDF/A-2b (``SelectPdfVersion`` 2), also given on the command line as the export filter's
  JSON options (``pdf:writer_pdf_Export:{"SelectPdfVersion":...}``, understood by LibreOffice
  7.4 and newer; older versions read it from the profile only);
- no network: every HTTP/HTTPS/FTP request goes to a proxy on the local machine's discard port,
  which refuses it, links to external images are blocked and the update check is off;
- no macros.

The program is ``$MLA_WRITER_SOFFICE`` when that is set (a path or a command name), else
``soffice`` or ``libreoffice`` on the ``PATH``, else the usual install locations on Windows and
macOS. A conversion that does not finish within ``timeout`` seconds is killed (with the whole
process group it started). The PDF is checked to be a PDF that declares PDF/A-2b and is then
written atomically: a failure leaves any previous file at the destination untouched.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..i18n import N_
from . import RenderError

#: Environment variable naming the LibreOffice program (path or command name).
SOFFICE_ENV = "MLA_WRITER_SOFFICE"
#: How to install LibreOffice, quoted by the message shown when it is missing.
INSTALL_COMMAND = "sudo apt-get install --no-install-recommends libreoffice-writer-nogui"
INSTALL_URL = "https://www.libreoffice.org/download/"
#: Seconds one conversion of an ordinary letter may take (a first start of LibreOffice with a new
#: profile included).
DEFAULT_TIMEOUT = 180.0
#: Seconds more per million bytes of the letter's text and markup (``word/document.xml``): a
#: very large letter takes longer to lay out (the issue-12 large case, 1.2 MB, took 11 s on a
#: quiet machine and its 4x case did not finish in 180 s on a loaded one).
TIMEOUT_PER_MB = 60.0


def timeout_for(data: bytes) -> float:
    """Seconds a conversion of the .docx ``data`` may take: :data:`DEFAULT_TIMEOUT`, and
    :data:`TIMEOUT_PER_MB` more per million bytes of its ``word/document.xml`` (uncompressed)."""
    import io
    import zipfile

    try:
        size = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError):
        return DEFAULT_TIMEOUT
    return DEFAULT_TIMEOUT + TIMEOUT_PER_MB * size / 1_000_000
#: The export filter and its options (PDF/A-2b; a tagged PDF for screen readers).
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}'
#: Oldest LibreOffice that reads the filter options given as JSON on the command line.
JSON_OPTIONS_SINCE = (7, 4)

# The PDF/A identification in the XMP metadata (never compressed in a PDF/A file): as an
# element (<pdfaid:part>2</pdfaid:part>, LibreOffice) or an attribute (pdfaid:part="2").
_PDFA2 = re.compile(rb"pdfaid:part(?:>\s*|\s*=\s*[\"'])2\b")

# The profile's settings (registrymodifications.xcu), read by LibreOffice on its first start.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="SelectPdfVersion" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="UseTaggedPDF" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


class PdfError(RenderError):
    """The PDF cannot be made. ``str(error)`` is a one-line reason in English;
    :meth:`localized` gives it in a UI language (the "ui" gettext domain), as the window shows it.
    Quoted parameters (paths, LibreOffice's own words) are escaped and clipped."""

    def __init__(self, message: str, /, **params: Any) -> None:
        from ..storage.errors import clip

        self.msgid = message
        self.params = {k: clip(v, 300) if isinstance(v, str) else v for k, v in params.items()}
        super().__init__(self.localized("en"))

    def localized(self, lang: str) -> str:
        from ..i18n import ui_gettext
        from ..storage.errors import escape

        text = self.msgid if lang == "en" else ui_gettext(lang)(self.msgid)
        return escape(text.format(**self.params))


class LibreOfficeMissing(PdfError):
    """LibreOffice is not installed, or ``$MLA_WRITER_SOFFICE`` names no program; the message
    says how to install it."""


def _missing(name: str | None = None) -> LibreOfficeMissing:
    if name is not None:
        return LibreOfficeMissing(
            N_("{variable} names {program}, which is not a program: install LibreOffice (Debian/Ubuntu: "
               "{command}; other systems: {url}) or correct {variable}."),
            variable=SOFFICE_ENV, program=name, command=INSTALL_COMMAND, url=INSTALL_URL)
    return LibreOfficeMissing(
        N_("LibreOffice is needed to make a PDF and was not found: install it (Debian/Ubuntu: {command}; "
           "other systems: {url}) or set {variable} to its soffice program."),
        variable=SOFFICE_ENV, command=INSTALL_COMMAND, url=INSTALL_URL)


def _usual_locations() -> list[Path]:
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    if os.name == "nt":
        roots = {os.environ.get(v) for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")} - {None}
        return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in sorted(roots)]
    return [Path("/opt/libreoffice/program/soffice"), Path("/usr/lib/libreoffice/program/soffice")]


def _is_program(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_soffice() -> str:
    """The LibreOffice program to run (a path).

    ``$MLA_WRITER_SOFFICE`` when set (a path, or a command name looked up on the ``PATH``),
    else ``soffice`` or ``libreoffice`` on the ``PATH``, else the usual install locations.
    Raises :class:`LibreOfficeMissing` (a :class:`~mla_writer.render.RenderError`) with a
    one-line message saying how to install LibreOffice.
    """
    named = os.environ.get(SOFFICE_ENV, "").strip()
    if named:
        if os.sep in named or (os.altsep and os.altsep in named) or Path(named).is_absolute():
            if _is_program(Path(named)):
                return named
        else:
            found = shutil.which(named)
            if found:
                return found
        raise _missing(named)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _usual_locations():
        if _is_program(path):
            return str(path)
    raise _missing()


@functools.lru_cache(maxsize=8)
def soffice_version(program: str) -> tuple[int, int] | None:
    """``(major, minor)`` from ``program --version`` ("LibreOffice 7.4.7.2 ..."), or None when
    it cannot be told (the program then gets the JSON filter options, as current versions do)."""
    try:
        out = subprocess.run([program, "--version"], stdin=subprocess.DEVNULL, capture_output=True,
                             text=True, errors="replace", timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)\.(\d+)(?:\.\d+)*", out)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _command(program: str, profile: Path, source: Path, outdir: Path) -> list[str]:
    version = soffice_version(program)
    export = PDF_FILTER if version is None or version >= JSON_OPTIONS_SINCE else "pdf"
    return [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--nologo",
            "--nodefault", "--nolockcheck", "--norestore", "--convert-to", export, "--outdir", str(outdir),
            str(source)]


def _run(command: list[str], timeout: float, home: Path) -> subprocess.CompletedProcess:
    """Run LibreOffice in its own process group; on timeout kill the group (soffice starts
    oosplash, which starts soffice.bin) and raise :class:`subprocess.TimeoutExpired`."""
    env = dict(os.environ)
    env.pop("SAL_USE_VCLPLUGIN", None)  # --headless chooses its own
    env.setdefault("HOME", str(home))
    kwargs: dict[str, Any] = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True
    elif os.name == "nt":  # pragma: no cover - Windows
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, **kwargs)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:  # the timeout, or an interrupt: leave no LibreOffice behind
        _kill(proc)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(command, proc.returncode,
                                       out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass


def _reason(result: subprocess.CompletedProcess) -> str:
    """LibreOffice's last words (its error line), or its exit status."""
    lines = [line.strip() for line in (result.stderr + "\n" + result.stdout).splitlines()]
    lines = [line for line in lines if line and not line.startswith(("Warning: failed to launch javaldx", "convert "))]
    errors = [line for line in lines if "rror" in line]
    return (errors or lines or [f"exit status {result.returncode}"])[-1]


#: Bidi classes of text written right to left, and of the marks that open a right-to-left run.
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
_ISOLATES = re.compile("[\u2066-\u2069]")


def _with_word_xml(data: bytes, change) -> bytes:
    """The .docx ``data`` with ``change`` applied to the text of its ``word/*.xml`` parts
    (``change``: dict name -> XML text, returns the dict to write); ``data`` itself when nothing
    changed, or when it is not a readable .docx. One unpacking and one packing. Raises nothing."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = [(info, zf.read(info)) for info in zf.infolist()]
        texts = {info.filename: raw.decode("utf-8") for info, raw in parts
                 if info.filename.startswith("word/") and info.filename.endswith(".xml")}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, UnicodeDecodeError):
        return data
    changed = change(dict(texts))
    if changed == texts:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info, raw in parts:
            zf.writestr(info, changed[info.filename].encode("utf-8") if info.filename in changed else raw)
    return out.getvalue()


def _without_isolates(texts: dict[str, str]) -> dict[str, str]:
    import unicodedata

    if not any(_ISOLATES.search(t) for t in texts.values()):
        return texts
    if any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for t in texts.values() for ch in set(t)):
        return texts
    return {name: _ISOLATES.sub("", t) for name, t in texts.items()}


def plain_isolates(data: bytes) -> bytes:
    """The .docx ``data`` without its bidi isolation marks (U+2066–U+2069) when none of its
    parts holds right-to-left text; else ``data`` unchanged (also when it is not a zip).

    The letter isolates every user value (FSI … PDI) so that a name in Arabic or Hebrew can never
    reorder the text around it. Where the letter holds no right-to-left letter at all, the marks
    change nothing on the page, but LibreOffice's PDF export draws them as glyphs of their own,
    which splits a word off the value in a PDF's text ("⁨ rosecutor … P" when copied): so the
    PDF of such a letter is made without them. Raises nothing."""
    return _with_word_xml(data, _without_isolates)


#: The paragraph that follows a heading: its properties' opening, where widow control is switched off.
_AFTER_HEADING = re.compile(
    r'(<w:pStyle w:val="Heading\d"/>(?:(?!</w:p>).)*</w:p>\s*<w:p(?: [^>]*)?><w:pPr><w:pStyle w:val="[^"]*"/>'
    r'(?:<w:keepNext(?: [^>]*)?/>)?(?:<w:keepLines(?: [^>]*)?/>)?)(?!<w:widowControl)', re.S)


def _with_headings_kept(texts: dict[str, str]) -> dict[str, str]:
    if "word/document.xml" in texts:
        texts["word/document.xml"] = _AFTER_HEADING.sub(r'\1<w:widowControl w:val="0"/>', texts["word/document.xml"])
    return texts


def headings_kept(data: bytes) -> bytes:
    """The .docx ``data`` with widow control off in each paragraph that follows a heading
    (``Heading1``…``Heading9``); ``data`` unchanged when it is not a .docx. Raises nothing.

    LibreOffice leaves a heading alone at the foot of a page, although it is "kept with next",
    when there is room for one more line and widow control then moves the whole of the following
    paragraph to the next page (it does not look back at the heading). Without widow control
    there, the heading keeps at least one line of its text on the same page. Word keeps the
    heading with its paragraph either way, so the .docx itself is left as it is: this applies
    to the copy LibreOffice converts to PDF."""
    return _with_word_xml(data, _with_headings_kept)


def for_libreoffice(data: bytes) -> bytes:
    """The copy of the .docx that LibreOffice converts to PDF: :func:`plain_isolates` and
    :func:`headings_kept` in one pass. Raises nothing."""
    return _with_word_xml(data, lambda texts: _with_headings_kept(_without_isolates(texts)))


def docx_to_pdf(docx: "bytes | str | os.PathLike[str]", out_path: "str | os.PathLike[str]",
                timeout: float | None = None) -> None:
    """Convert a .docx (its bytes, or the path of the file) to PDF/A-2b at ``out_path``.

    Runs LibreOffice headless with a temporary profile of its own (removed afterwards), without
    network access, for at most ``timeout`` seconds (None: :func:`timeout_for` the letter, longer
    for a very large one); the PDF is written atomically (no backup).
    Raises :class:`LibreOfficeMissing` when LibreOffice is not installed, and :class:`PdfError`
    (both :class:`~mla_writer.render.RenderError`, one-line messages) when the .docx cannot be
    read, LibreOffice fails or times out, the result is not a PDF/A-2b file, or ``out_path``
    cannot be written.
    """
    from ..storage import atomic_write_bytes

    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="mla-writer-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        source = work / "letter.docx"  # a fixed, plain name: LibreOffice names the PDF after it
        outdir = work / "out"
        outdir.mkdir()
        if isinstance(docx, (bytes, bytearray, memoryview)):
            source.write_bytes(bytes(docx))
        else:
            try:
                shutil.copyfile(docx, source)
            except OSError as exc:
                raise PdfError(N_("cannot read {path}: {reason}"), path=os.fspath(docx),
                               reason=exc.strerror or str(exc)) from None
        source.write_bytes(for_libreoffice(source.read_bytes()))
        if timeout is None:
            timeout = timeout_for(source.read_bytes())
        command = _command(program, profile, source, outdir)
        try:
            result = _run(command, timeout, work)
        except subprocess.TimeoutExpired:
            raise PdfError(N_("LibreOffice did not finish the PDF within {seconds} seconds."),
                           seconds=round(timeout)) from None
        except OSError as exc:
            raise PdfError(N_("LibreOffice could not be started ({program}): {reason}"), program=program,
                           reason=exc.strerror or str(exc)) from None
        pdf = outdir / "letter.pdf"
        data = pdf.read_bytes() if pdf.is_file() else b""
        if result.returncode != 0 or not data.startswith(b"%PDF-"):
            raise PdfError(N_("LibreOffice could not convert the letter to PDF: {reason}"), reason=_reason(result))
        if not _PDFA2.search(data):
            raise PdfError(N_("LibreOffice ({program}) made a PDF that is not PDF/A-2b; LibreOffice 7.4 or newer is needed."),
                           program=program)
    try:
        atomic_write_bytes(out_path, data, backup=False)
    except OSError as exc:
        raise PdfError(N_("cannot write {path}: {reason}"), path=os.fspath(out_path),
                       reason=exc.strerror or str(exc)) from None


__all__ = ["docx_to_pdf", "find_soffice", "soffice_version", "PdfError", "LibreOfficeMissing",
           "SOFFICE_ENV", "DEFAULT_TIMEOUT", "TIMEOUT_PER_MB", "timeout_for"]
