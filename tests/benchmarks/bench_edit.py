"""Edit benchmark: how long the window is busy after one edit, at 1k and 100k events.

    .venv/bin/python tests/benchmarks/bench_edit.py [--sizes 1000 100000] [--refs 1000] [--repeats 5]

Each size runs in its own process: the whole main window at 1920x1080 with the offscreen platform,
showing a synthetic timeline (tests/benchmarks/generate.py) with one event selected (so the editor
form and the quotes panel show it). A figure is the GUI-thread time from the edit to the window
being idle again with the new frame painted: the call, then the event loop until nothing is left.

- one field: the selected event's title set through the editor's command (one `SetField`);
- undo: Edit > Undo of that edit;
- date drag: what a drag on the canvas pushes (`drag_to`, a macro moving the date and the end);
- rename source: the id of a source cited by `--refs` events (1,000; at 1k events, every one) changed
  with every reference (`rename_id`, one macro), and its undo.

Medians of `--repeats` runs; each edit is undone before the next run, so every run edits the same data.
Target: each figure at 100k events at most 50 ms, and at most 3x the same figure at 1k events.

`BENCH_PROFILE=edit|drag|rename` with `--one N` also prints where one such edit spends its time
(cProfile, sorted by `BENCH_SORT`, cumulative time by default).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

SIZE = (1920, 1080)
TARGET_MS = 50.0
TARGET_RATIO = 3.0
OPERATIONS = ("one field", "undo", "date drag", "rename source", "undo rename")


def _idle(app) -> None:
    """Run the event loop until it has nothing left to do (posted events, zero timers, paints)."""
    for _ in range(3):
        app.processEvents()


def run_one(n: int, refs: int, repeats: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.document.commands import SetField
    from desktop.core.dates import date_to_timestamp
    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow
    from desktop.document.drops import drag_to
    from desktop.document.edits import rename_id
    from desktop.core.model import Source
    from desktop.window.settings import Settings
    from generate import make_timeline

    app = QApplication.instance() or QApplication([])
    timeline = make_timeline(n, seed=0)
    source = Source("cited-source", "Ofsted", "A report many events cite")
    timeline.sources.append(source)
    for event in timeline.events[:refs]:
        event.sources.append(source.id)
    cited = sum(source.id in e.sources for e in timeline.events)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_file(Path(folder) / "settings.ini")
        document = Document()
        window = MainWindow(document, settings)
        window.resize(*SIZE)
        window.show()
        document.set_timeline(timeline, None)
        event = timeline.events[len(timeline.events) // 2]
        document.select(event)
        _idle(app)
        undo = window.ui_actions.undo

        def edit() -> None:
            document.push(SetField(document, event, "title", event.title + " (edited)"))

        def drag() -> None:
            drag_to(document, event, "date", date_to_timestamp(event.date.start) + 400 * 86400.0)

        def rename() -> None:
            rename_id(document, source, source.id + "-renamed")

        times: dict[str, list[float]] = {name: [] for name in OPERATIONS}

        def timed(name: str, fn) -> None:
            start = time.perf_counter()
            fn()
            _idle(app)
            times[name].append(time.perf_counter() - start)

        for _ in range(repeats):
            timed("one field", edit)
            timed("undo", undo.trigger)
            timed("date drag", drag)
            undo.trigger()
            _idle(app)
            timed("rename source", rename)
            timed("undo rename", undo.trigger)
        assert not document.is_dirty, "every edit was undone"
        window.close()
        result = {name: statistics.median(values) * 1000 for name, values in times.items()}
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats
            window.show()
            document.select(event)
            _idle(app)
            profile = cProfile.Profile()
            profile.enable()
            {"edit": edit, "drag": drag, "rename": rename}[os.environ["BENCH_PROFILE"]]()
            _idle(app)
            profile.disable()
            undo.trigger()
            pstats.Stats(profile, stream=sys.stderr).sort_stats(os.environ.get("BENCH_SORT", "cumtime")).print_stats(40)
    result.update(events=n, refs=cited)
    return result


def _run(n: int, refs: int, repeats: int) -> dict | None:
    command = [sys.executable, __file__, "--one", str(n), "--refs", str(refs), "--repeats", str(repeats)]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"{n:>11} failed:\n{out.stderr}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument("--refs", type=int, default=1000, help="events citing the renamed source")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.refs, args.repeats)))
        return 0
    print(f"edit benchmark: the main window at {SIZE[0]}x{SIZE[1]}, {os.environ['QT_QPA_PLATFORM']} platform, "
          f"GUI-thread ms from the edit to an idle window (median of {args.repeats}), load average "
          f"{os.getloadavg()[0]:.1f}")
    results = [r for r in (_run(n, args.refs, args.repeats) for n in args.sizes) if r is not None]
    if len(results) != len(args.sizes):
        return 1
    base = results[0]
    print(f"\n{'events':>8} {'cited by':>8} " + " ".join(f"{name:>14}" for name in OPERATIONS))
    for r in results:
        cells = [f"{r[name]:>8.1f}" + (f" {r[name] / base[name]:>4.1f}x" if r is not base else " " * 6)
                 for name in OPERATIONS]
        print(f"{r['events']:>8} {r['refs']:>8} " + " ".join(f"{c:>14}" for c in cells))
    if len(results) > 1:
        big = results[-1]
        misses = [name for name in OPERATIONS
                  if big[name] > TARGET_MS or big[name] > TARGET_RATIO * base[name]]
        print(f"\ntarget at {big['events']} events (each <= {TARGET_MS:.0f} ms and <= {TARGET_RATIO:.0f}x its "
              f"{base['events']}-event figure): " + ("met" if not misses else "NOT met: " + ", ".join(misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
