"""Open and save speed at 1k, 10k and 100k events, beside bare libyaml measured in the same run.

    python tests/benchmarks/bench_io.py [--sizes 1000,10000,100000] [--no-stall]

For each size it writes a synthetic timeline (tests/benchmarks/generate.py) and reports medians of
several runs (fewer at 100k, slow to parse), in seconds:

- bare load: `yaml.load(text, Loader=yaml.CSafeLoader)` of the same file's text, the baseline, as
  usually called, and with the cyclic GC paused (as the app parses: see `cache.paused_gc`);
- storage.load: parse, validate, provenance, as the library function runs (GC on);
- cold open: the app's open with an empty parse cache (`cache.open_timeline`: read, hash, the same
  parse with the GC paused, and writing the cache entry), the figure the 1.2x target is about;
- warm open: the app's open of the unchanged file (read, hash, cache entry, unpickle);
- bare dump: `yaml.dump(data, Dumper=yaml.CSafeDumper)` of the plain data `yaml.load` returned;
- save: `storage.save` (canonical text, atomic), and snapshot: pickling the timeline
  (`cache.dumps`), the only part of a background save on the GUI thread, spread there over
  event-loop turns of `saver.SLICE` entries.

Then, unless --no-stall, it opens the largest file with `loader.BackgroundOpener` while a 5 ms QTimer
ticks on the GUI thread and reports the longest gap between ticks: while parsing, and when the result
is handed over, to a bare Document and to the whole main window (whose views rebuild on the GUI thread).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import yaml  # noqa: E402

from desktop.storage import cache
from desktop import storage  # noqa: E402
from generate import make_timeline  # noqa: E402

REPEATS = {1_000: 7, 10_000: 5, 100_000: 3}


def _timed(fn, before=None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(n: int, folder: Path) -> dict[str, float]:
    """Medians per operation; the runs are interleaved (one of each per round) so that other load
    on the machine drifting during the run weighs on the baseline and on ours alike."""
    repeats = REPEATS.get(n, 3 if n > 50_000 else 5)
    path = folder / f"timeline-{n}.yaml"
    storage.save(make_timeline(n, seed=0), path)
    text = path.read_text(encoding="utf-8")
    parse_cache = cache.ParseCache(folder / f"cache-{n}")
    warm_cache = cache.ParseCache(folder / f"warm-cache-{n}")
    cache.open_timeline(path, warm_cache)
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    loaded = storage.load(path).timeline
    operations = {
        "bare load": (lambda: yaml.load(text, Loader=yaml.CSafeLoader), None),
        "bare, GC paused": (lambda: _paused(lambda: yaml.load(text, Loader=yaml.CSafeLoader)), None),
        "storage.load": (lambda: storage.load(path), None),
        "cold open": (lambda: cache.open_timeline(path, parse_cache), parse_cache.clear),
        "warm open": (lambda: _assert_hit(cache.open_timeline(path, warm_cache)), None),
        "bare dump": (lambda: yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), None),
        "save": (lambda: storage.save(loaded, folder / f"saved-{n}.yaml"), None),
        "snapshot": (lambda: cache.dumps(loaded), None),
    }
    times: dict[str, list[float]] = {name: [] for name in operations}
    for _ in range(repeats):
        for name, (fn, before) in operations.items():
            times[name].append(_timed(fn, before))
    row: dict[str, float] = {"events": n, "MB": path.stat().st_size / 1e6}
    row.update({name: statistics.median(values) for name, values in times.items()})
    return row


def _paused(fn) -> None:
    with cache.paused_gc():
        fn()


def _assert_hit(outcome) -> None:
    if not outcome[1]:
        raise RuntimeError("warm open missed the cache")


def measure_stall(path: Path, window: bool = False) -> dict[str, float]:
    """Longest gaps between 5 ms timer ticks on the GUI thread while `path` opens in the background,
    into a bare Document, or with `window` into the whole main window (its canvas and event list
    are rebuilt for the new timeline at hand-over, on the GUI thread)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.document import Document
    from desktop.document.opening import BackgroundOpener

    app = QApplication.instance() or QApplication([])
    document = Document()
    if window:
        from desktop.window.mainwindow import MainWindow
        from desktop.window.settings import Settings

        shown = MainWindow(document, Settings.from_file(path.with_name("bench-settings.ini")))
        shown.resize(1920, 1080)
        shown.show()
        app.processEvents()
    opener = BackgroundOpener(document, cache=None)
    clock, gaps = QElapsedTimer(), {"parse": 0, "hand-over": 0, "ticks": 0}
    phase = ["parse"]

    def tick() -> None:
        gap = clock.restart()
        gaps[phase[0]] = max(gaps[phase[0]], gap)
        gaps["ticks"] += 1

    def result_arrived(*_args) -> None:
        phase[0] = "hand-over"  # this tick's gap (before it) includes Document.set_timeline

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    opener.opened.connect(result_arrived)
    opener.finished.connect(lambda: QTimer.singleShot(50, loop.quit))
    start = time.perf_counter()
    clock.start()
    timer.start()
    opener.open(path)
    loop.exec()
    timer.stop()
    seconds = time.perf_counter() - start
    del app
    return {"load s": seconds, "parse max gap ms": gaps["parse"], "hand-over max gap ms": gaps["hand-over"],
            "ticks": gaps["ticks"]}


def measure_save_stall(path: Path) -> dict[str, float]:
    """Longest gap between 5 ms timer ticks on the GUI thread while a BackgroundSaver writes `path`."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.document import Document
    from desktop.document.saving import BackgroundSaver

    app = QApplication.instance() or QApplication([])
    document = Document()
    result, _ = cache.open_timeline(path, None)
    document.set_timeline(result.timeline, path, result.warnings)
    saver = BackgroundSaver(document)
    clock, worst, ticks = QElapsedTimer(), [0], [0]

    def tick() -> None:
        worst[0] = max(worst[0], clock.restart())
        ticks[0] += 1

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    saver.finished.connect(loop.quit)
    start = time.perf_counter()
    clock.start()
    timer.start()
    saver.save(path.with_name("background-saved.yaml"))
    loop.exec()
    timer.stop()
    del app
    return {"save s": time.perf_counter() - start, "max gap ms": worst[0], "ticks": ticks[0]}


COLUMNS = ["events", "MB", "bare load", "bare, GC paused", "storage.load", "cold open", "cold/bare",
           "cold/bare GC paused", "warm open", "bare dump", "save", "save/bare dump", "snapshot"]


def print_table(rows: list[dict[str, float]]) -> None:
    for row in rows:
        row["cold/bare"] = row["cold open"] / row["bare load"]
        row["cold/bare GC paused"] = row["cold open"] / row["bare, GC paused"]
        row["save/bare dump"] = row["save"] / row["bare dump"]
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if column == "events":
                cells.append(f"{int(value):,}")
            elif "/" in column:
                cells.append(f"{value:.2f}x")
            elif column == "MB":
                cells.append(f"{value:.1f}")
            else:
                cells.append(f"{value:.3f}")
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated event counts")
    parser.add_argument("--no-stall", action="store_true", help="skip the event-loop stall measurement")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-io-") as tmp:
        folder = Path(tmp)
        rows = []
        for n in sizes:
            rows.append(measure(n, folder))
            print(f"measured {n:,} events", file=sys.stderr, flush=True)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"Open and save, seconds (medians; {', '.join(f'{n:,}: {REPEATS.get(n, 3)} runs' for n in sizes)}; "
              f"{os.cpu_count()} CPUs, load average {load} at the end)")
        print_table(rows)
        if not args.no_stall:
            biggest = max(sizes)
            stall = measure_stall(folder / f"timeline-{biggest}.yaml")
            print(f"\nGUI thread while opening {biggest:,} events in the background (5 ms timer): "
                  f"load {stall['load s']:.2f} s, {stall['ticks']} ticks, longest gap while parsing "
                  f"{stall['parse max gap ms']} ms, at hand-over to the Document {stall['hand-over max gap ms']} ms")
            shown = measure_stall(folder / f"timeline-{biggest}.yaml", window=True)
            print(f"... the same into the main window at 1920x1080: load {shown['load s']:.2f} s, longest gap while "
                  f"parsing {shown['parse max gap ms']} ms, at hand-over to the window (canvas and event list "
                  f"rebuilt) {shown['hand-over max gap ms']} ms")
            saving = measure_save_stall(folder / f"timeline-{biggest}.yaml")
            print(f"GUI thread while saving {biggest:,} events in the background: save {saving['save s']:.2f} s, "
                  f"{saving['ticks']} ticks, longest gap {saving['max gap ms']} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
