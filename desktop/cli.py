"""Headless `council-timeline validate FILE... [--strict]`. No Qt.

Exit 0 when every file is valid (warnings printed), 1 when any file has problems (printed as
FILE:LINE:COL: message), 2 for usage errors or files that cannot be read. Never a traceback: a
loader bug is reported as an internal error with exit 2 rather than a stack dump.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import storage

__all__ = ["validate_main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="council-timeline validate",
        description="Check timeline files: syntax, keys, dates, ids, references and (with archives) quotes.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="timeline YAML files to check")
    parser.add_argument("--strict", action="store_true",
                        help="treat provenance warnings (quotes not found in their archive) as errors")
    return parser


def validate_main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help exits 0, usage errors 2; argparse already printed why
        return int(exc.code or 0)
    worst = 0
    for name in args.files:
        worst = max(worst, _validate_one(Path(name), args.strict))
    return worst


def _validate_one(path: Path, strict: bool) -> int:
    try:
        result = storage.load(path, strict=strict)
    except storage.LoadError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{path}: not valid ({count} problem{'s' if count != 1 else ''})", file=sys.stderr)
        return 1
    except IsADirectoryError:
        print(f"{path}: is a folder, not a timeline file", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{path}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug in the loader must not print a traceback at the user
        print(f"{path}: internal error while checking ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(warning)
    timeline = result.timeline
    print(f"{path}: valid ({len(timeline.events)} events, {len(timeline.tenures)} tenures, "
          f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''})", file=sys.stderr)
    return 0
