"""Start-up as a user sees it: the installed ``mla-writer`` command against a bare PySide6 window.

Each sample is a whole fresh process launched as a user launches it: the installed
``mla-writer`` command (the console script of the virtual environment, its real entry point
``mla_writer.__main__:main``: the command line's parser, then the application) or, as the
baseline, ``bench/bare_window.py`` (a bare QMainWindow of the same size) run by the same
interpreter. The windows open on a private X server (Xvfb, ``-noreset -displayfd``, started
here) through Qt's xcb platform, as on a desktop (offscreen only when Xvfb is missing or
``--platform offscreen`` is given; the output then says so). The wall time runs from the spawn
of the process to its end; each process ends itself at a milestone (the environment variable
``MLA_WRITER_STARTUP_PROBE``, honoured by ``mla_writer/gui/startup_probe.py`` and by the bare
window alike, and only when set):

- **first paint**: the window is visible: mapped and exposed by the X server and its first
  frame drawn and flushed to it (target <= 1.3x the bare window);
- **ready for input**: the window has handled the user's first input: as soon as the window
  is visible (its first paint) this script gives it the X input focus and presses Tab through
  the X server (XTest); the sample ends once the window has dispatched that key press to its
  focused widget (target <= 2x the bare window receiving the same key). Start-up work still
  queued after the first paint delays this exactly as much as it would delay a user's key;
- **second stage loaded** (no target): the model, the checklist and the step views loaded,
  the menus built, and the first step of the letter shown and painted with the checklist's
  verdict; against the bare window's first paint;
- **longest stall** (no target): from the first paint until the second stage has loaded, the
  longest time the application's event loop was busy (a 1 ms heartbeat timer's longest gap):
  how long a key pressed at the worst moment of the start-up waits;
- **peak memory**: the process's peak resident memory (VmHWM, reported by the process itself
  as it ends) at the second stage loaded, against the bare window's (target <= 1.4x).

    .venv/bin/python bench/bench_startup.py [--runs 9] [--ui-language ru] [--pythonpath DIR]

``--pythonpath DIR`` runs another checkout's code through the same installed command (put
first on PYTHONPATH), to compare before and after in the same minutes. Samples alternate, in
an order shuffled each run and 0.1 s apart, so that disk-cache, CPU frequency and the clean-up
after the sample before fall on all kinds alike. Bytecode is compiled in warm-up
runs (into a temporary folder, as an installed application has it), the gettext catalogues
are compiled to .mo first, and the user's folders (settings, data, cache) are temporary, so
that each sample starts as a first start with the UI language given. With a UI language other
than English it also prints how long loading that language's "ui" catalogue takes.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import random
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = ROOT / "bench" / "bare_window.py"
PROBE = "MLA_WRITER_STARTUP_PROBE"
PROBE_FD = "MLA_WRITER_STARTUP_PROBE_FD"

#: Loading the UI catalogue, in a process of its own (the median of many loads, cache cleared each time).
CATALOGUE_LOAD = """
import statistics, sys, time
from mla_writer import i18n
times = []
for _ in range(100):
    i18n.translations.cache_clear()
    start = time.perf_counter()
    i18n.translations("ui", {lang!r})
    times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000, type(i18n.translations("ui", {lang!r})).__name__)
"""


def installed_command() -> list[str]:
    """The installed ``mla-writer`` console script beside this interpreter (or on PATH)."""
    here = Path(sys.executable).with_name("mla-writer")
    found = str(here) if here.exists() else shutil.which("mla-writer")
    if not found:
        raise SystemExit("the mla-writer command is not installed (pip install -e . in the virtual environment)")
    return [found]


def interpreter_of(script: str) -> str:
    """The interpreter a console script runs with (its #! line), else this one."""
    with open(script, "rb") as f:
        first = f.readline().decode(errors="replace").strip()
    return first[2:].strip().split()[0] if first.startswith("#!") else sys.executable


@contextmanager
def xvfb(size: str = "1280x1024x24"):
    """A private Xvfb (``-noreset -displayfd``): yields its display name (":5"), or None without
    Xvfb (tests/gui/xvfb.py's ``private_xvfb``, which the GUI tests use too)."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.gui.xvfb import private_xvfb

    def fail(message: str):
        raise SystemExit(message)

    with private_xvfb(size, fail) as display:
        yield display


class XKeyboard:
    """Gives a window the input focus and presses Tab in it through the X server (XTest, by
    ctypes: no process to spawn, well under a millisecond); ``xdotool`` if libXtst is missing."""

    XK_TAB = 0xFF09

    def __init__(self, display: str) -> None:
        self.display = display
        try:
            self.x11 = ctypes.CDLL("libX11.so.6")
            self.xtst = ctypes.CDLL("libXtst.so.6")
        except OSError:
            self.x11 = None
            return
        x11, xtst = self.x11, self.xtst
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        # an X error (a window gone meanwhile) must not end this process (Xlib's default handler exits)
        self._handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _d, _e: 0)
        x11.XSetErrorHandler(self._handler)
        self.dpy = x11.XOpenDisplay(display.encode())
        if not self.dpy:
            raise SystemExit(f"cannot open the X display {display}")
        self.tab = x11.XKeysymToKeycode(self.dpy, self.XK_TAB)

    def press_tab(self, window: int) -> None:
        if self.x11 is None:
            subprocess.run(["xdotool", "windowfocus", str(window), "key", "Tab"], env={**os.environ, "DISPLAY": self.display},
                           check=False)
            return
        self.x11.XSetInputFocus(self.dpy, window, 2, 0)  # RevertToParent, CurrentTime
        self.xtst.XTestFakeKeyEvent(self.dpy, self.tab, 1, 0)
        self.xtst.XTestFakeKeyEvent(self.dpy, self.tab, 0, 0)
        self.x11.XFlush(self.dpy)

    def close(self) -> None:
        if self.x11 is not None and self.dpy:
            self.x11.XCloseDisplay(self.dpy)
            self.dpy = None


def sample(command: list[str], mode: str, env: dict[str, str], keyboard: XKeyboard | None) -> tuple[float, int, float]:
    """One process run to milestone ``mode``: (seconds from spawn to its end, its peak KiB, the
    longest event-loop stall from the first paint to the second stage's end in ms, or 0)."""
    read_fd, write_fd = os.pipe()
    env = {**env, PROBE: mode, PROBE_FD: str(write_fd)}
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=env.get("HOME", ROOT), pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    peak, stall, buffer, deadline = 0, 0.0, b"", time.monotonic() + 60
    try:
        while True:
            ready, _w, _x = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                proc.kill()
                raise SystemExit(f"a sample ({' '.join(command)}, {mode}) did not finish in 60 s")
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break  # the process is gone (or is going)
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                word, _sp, value = line.decode().partition(" ")
                if word == "painted" and keyboard is not None:
                    keyboard.press_tab(int(value))
                elif word == "peak":
                    peak = int(value)
                elif word == "stall":
                    stall = float(value)
        proc.wait(60)
        elapsed = time.perf_counter() - start
    finally:
        os.close(read_fd)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"a sample ({' '.join(command)}, {mode}) failed (exit {proc.returncode}):\n{err[-3000:]}")
    return elapsed, peak, stall


def prepare_env(tmp: Path, display: str | None, ui_language: str, pythonpath: str | None) -> dict[str, str]:
    """A first start's environment: temporary user folders, the settings' UI language, the display."""
    env = dict(os.environ)
    home = tmp / "home"
    for sub in (".config", ".local/share", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CACHE_HOME=str(home / ".cache"), MLA_WRITER_DATA_DIR=str(home / "data"),
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    settings = home / ".config" / "MLA Writer" / "MLA Writer.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[ui]\nlanguage={ui_language}\n", encoding="utf-8")
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    # An installed application runs from compiled bytecode: the warm-up runs write it (into the
    # temporary folder, not the checkout) even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, env.get("PYTHONPATH")]))
    return env


def measure(runs: int, ui_language: str = "en", pythonpath: str | None = None,
            platform: str = "xcb") -> dict:
    """Run the samples; returns {"platform": ..., "times": {kind: [s]}, "peaks": {kind: [KiB]},
    "stalls": [ms, per loaded sample], "catalogue": (ms, class) or None}. Kinds: bare_paint, app_paint, bare_input, app_input,
    app_loaded."""
    app = installed_command()
    bare = [interpreter_of(app[0]), str(BARE)]
    kinds = {"bare_paint": (bare, "paint"), "app_paint": (app, "paint"), "bare_input": (bare, "input"),
             "app_input": (app, "input"), "app_loaded": (app, "loaded")}
    with tempfile.TemporaryDirectory() as tmp_name, xvfb() as display:
        tmp = Path(tmp_name)
        if platform == "offscreen":
            display = None
        env = prepare_env(tmp, display, ui_language, pythonpath)
        keyboard = XKeyboard(display) if display else None
        try:
            where = pythonpath or str(ROOT)
            proc = subprocess.run([sys.executable, "-m", "mla_writer.i18n", "compile", "--quiet"], env=env, cwd=where,
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"the gettext catalogues do not compile:\n{proc.stderr}")
            catalogue = None
            if ui_language != "en":
                proc = subprocess.run([sys.executable, "-c", CATALOGUE_LOAD.format(lang=ui_language)], env=env,
                                      cwd=where, capture_output=True, text=True, check=True)
                ms, kind = proc.stdout.split()
                catalogue = (float(ms), kind)
            for command, mode in kinds.values():  # warm the disk cache and write the bytecode
                sample(command, mode, env, keyboard)
            times: dict[str, list[float]] = {k: [] for k in kinds}
            peaks: dict[str, list[int]] = {k: [] for k in kinds}
            stalls: list[float] = []
            order = list(kinds)
            shuffle = random.Random(12).shuffle
            for _ in range(runs):
                shuffle(order)  # (a fixed order would make each kind follow the same one, always)
                for name in order:
                    command, mode = kinds[name]
                    time.sleep(0.1)  # the X server and the kernel done with the process before
                    elapsed, peak, stall = sample(command, mode, env, keyboard)
                    times[name].append(elapsed)
                    peaks[name].append(peak)
                    if mode == "loaded":
                        stalls.append(stall)
        finally:
            if keyboard is not None:
                keyboard.close()
    return {"platform": "xcb on Xvfb" if display else "offscreen (no Xvfb: not as a user sees it)",
            "times": times, "peaks": peaks, "stalls": stalls, "catalogue": catalogue}


def report(result: dict, runs: int, ui_language: str) -> list[str]:
    t = {k: statistics.median(v) * 1000 for k, v in result["times"].items()}
    p = {k: statistics.median(v) / 1024 for k, v in result["peaks"].items()}
    lines = [
        f"platform: {result['platform']}, UI language: {ui_language}, runs: {runs} (medians); "
        "whole processes: the installed mla-writer command vs bench/bare_window.py",
        f"bare PySide6 window painted:                    {t['bare_paint']:7.1f} ms  1.00x",
        f"MLA Writer first paint (start step):            {t['app_paint']:7.1f} ms  "
        f"{t['app_paint'] / t['bare_paint']:.2f}x  (target <= 1.3x)",
        f"bare PySide6 window, key handled:               {t['bare_input']:7.1f} ms  1.00x",
        f"MLA Writer ready for input (key handled):       {t['app_input']:7.1f} ms  "
        f"{t['app_input'] / t['bare_input']:.2f}x  (target <= 2x; Tab pressed at the first paint)",
        f"MLA Writer second stage loaded (States step):   {t['app_loaded']:7.1f} ms  "
        f"{t['app_loaded'] / t['bare_paint']:.2f}x  (no target; vs the bare paint)",
        f"longest event-loop stall, first paint to loaded: {statistics.median(result['stalls']):6.1f} ms  "
        f"(median; worst {max(result['stalls']):.0f} ms: a key pressed then waits as long)",
        f"peak memory, bare window:                       {p['bare_paint']:7.1f} MiB",
        f"peak memory, MLA Writer at first paint:         {p['app_paint']:7.1f} MiB  {p['app_paint'] / p['bare_paint']:.2f}x",
        f"peak memory, MLA Writer second stage loaded:    {p['app_loaded']:7.1f} MiB  "
        f"{p['app_loaded'] / p['bare_paint']:.2f}x  (target <= 1.4x)",
    ]
    if result["catalogue"] is not None:
        ms, kind = result["catalogue"]
        lines.append(f"gettext catalogue ui/{ui_language} loaded:          {ms:7.2f} ms (median of 100 loads; {kind})")
    return lines


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from mla_writer.languages import languages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--ui-language", choices=languages(), default="en",
                        help="UI language in the samples' settings (default: en)")
    parser.add_argument("--pythonpath", metavar="DIR", help="run this checkout's mla_writer through the installed command")
    parser.add_argument("--platform", choices=("xcb", "offscreen"), default="xcb",
                        help="xcb on a private Xvfb (default), or offscreen (not as a user sees it)")
    args = parser.parse_args()
    result = measure(args.runs, args.ui_language, args.pythonpath, args.platform)
    for line in report(result, args.runs, args.ui_language):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
