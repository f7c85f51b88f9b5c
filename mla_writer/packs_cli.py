"""``mla-writer pack validate|import|export|list|remove``: State packs on the command line (:mod:`.packs`).

Exit codes: 0 success; 2 an invalid pack (every problem on stderr, one per line, each naming
the entry and the field), an unknown pack id, or a file that cannot be read or written.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_BAD = 0, 2


def _args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    v = sub.add_parser("validate", help="check a pack file; print every problem (exit 2 if any)")
    v.add_argument("file", metavar="FILE", help="the pack (.toml)")
    v.add_argument("--base", metavar="NATIONAL", help="for local additions: the national pack file they extend "
                   "(default: the installed one)")
    i = sub.add_parser("import", help="validate a pack and install it (all or nothing)")
    i.add_argument("file", metavar="FILE")
    e = sub.add_parser("export", help="write an installed pack (and its letterhead) to a file")
    e.add_argument("id", metavar="ID")
    e.add_argument("out", metavar="OUT.toml")
    sub.add_parser("list", help="the installed packs")
    r = sub.add_parser("remove", help="remove an installed pack (and the local additions that extend it)")
    r.add_argument("id", metavar="ID")


def _problems(exc) -> int:
    from .cli import _say

    for line in exc.localized("en"):
        _say(f"{exc.source}: {line}")
    return EXIT_BAD


def _run(args: argparse.Namespace) -> int:
    from . import packs
    from .cli import _escape, _say

    try:
        if args.pack_command == "validate":
            merged = packs.validate_file(args.file, args.base)
            p = merged.pack
            own = packs.read_raw(args.file)["pack"]  # the merge's [pack] is the national pack's
            if own.get("kind") == "local":
                what = f"valid local additions \u201c{own.get('id')}\u201d extending \u201c{own.get('extends')}\u201d"
            else:
                what = f"valid national pack \u201c{p.pack.id}\u201d"
            print(_escape(f"{args.file}: {what}: {len(p.authorities)} authorities, "
                          f"{len(p.offences)} offences, {len(p.profiles)} requested-State profiles"
                          + (" (with the national pack)" if own.get("kind") == "local" else "")))
        elif args.pack_command == "import":
            item = packs.install(args.file)
            print(_escape(f"installed {item.kind} pack \u201c{item.id}\u201d in {item.folder}"))
        elif args.pack_command == "export":
            try:
                for path in packs.export(args.id, args.out):
                    print(_escape(f"written {path}"))
            except OSError as exc:
                _say(f"cannot write {args.out}: {exc.strerror or exc}")
                return EXIT_BAD
        elif args.pack_command == "list":
            for item in packs.installed():
                extends = f" (extends {item.extends})" if item.extends else ""
                print(_escape(f"{item.id}  {item.kind}{extends}  {item.title}"))
        elif args.pack_command == "remove":
            going = [i for i in packs.installed() if i.id == args.id or (i.kind == "local" and i.extends == args.id)]
            if not packs.remove(args.id):
                _say(f"no installed pack has the id {args.id}")
                return EXIT_BAD
            for item in going:  # what was removed, the local additions that went with a national pack too
                what = "national pack" if item.kind == "national" else "local additions"
                print(_escape(f"removed {what} \u201c{item.id}\u201d"))
    except packs.PackError as exc:
        return _problems(exc)
    except OSError as exc:
        _say(f"cannot write: {exc.strerror or exc}")
        return EXIT_BAD
    except BrokenPipeError:
        pass
    sys.stdout.flush()
    return EXIT_OK


def add_to(register) -> None:
    register("pack", "validate, import, export or list State packs (docs/state-packs.md)", _args, _run)
