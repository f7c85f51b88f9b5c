"""``mla-writer`` entry point: a subcommand runs headless; no subcommand opens the application."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--smoke-test"]:  # checks the installation (a checkout or the bundle)
        from .smoke import main as smoke_main

        return smoke_main(argv[1:])
    if not argv:  # the application, as a launcher starts it: no need for the command line's parser
        from .app import run_gui

        return run_gui(argv)
    from .cli import main as cli_main

    code = cli_main(argv)
    if code != -1:
        return code
    from .app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
