"""How long selecting an event with very many quotes holds the window, beside one with a single quote.

    python tests/benchmarks/bench_quotes.py [--quotes 100000] [--repeats 5]

Writes a timeline whose first event has N quotes (and a second event with one), opens it in the main
window (offscreen, 1366x768) and reports medians, in seconds, of selecting each event: the whole
`Document.select` (every view that listens: the quotes panel, the editor's quote list, the canvas,
the event list) and the quotes panel's own rebuild. The panel builds its cards a batch at a time, so
its cost should not grow with N; the one-quote event is the baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.document import Document  # noqa: E402
from desktop.window.mainwindow import MainWindow  # noqa: E402
from desktop.window.settings import Settings  # noqa: E402
from samples import BASE

ONE_QUOTE = "      - speaker: ann\n        text: Some words.\n        source: src\n"
SECOND_EVENT = """\
  - id: ev2
    date: 2021
    approx: false
    kind: statement
    title: One quote
    people: []
    sources: [src]
    quotes:
""" + ONE_QUOTE


def write(folder: Path, count: int) -> Path:
    quotes = "".join(f"      - speaker: ann\n        text: Quote number {n}.\n        source: src\n"
                     for n in range(count))
    path = folder / "many-quotes.yaml"
    path.write_text(BASE.replace(ONE_QUOTE, quotes) + SECOND_EVENT, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), args.quotes)
        window = MainWindow(Document(), Settings.from_file(Path(tmp) / "settings.ini"))
        window.resize(1366, 768)
        window.show()
        if not window.open_path(path, interactive=False):
            print("the file did not open", file=sys.stderr)
            return 1
        app.processEvents()
        document, panel = window.document, window.quotes
        big, small = document.timeline.events
        panel_seconds: list[float] = []
        original = panel.refresh

        def timed_refresh() -> None:
            start = time.perf_counter()
            original()
            panel_seconds.append(time.perf_counter() - start)

        panel.refresh = timed_refresh
        document.selection_changed.disconnect(original)
        document.selection_changed.connect(timed_refresh)
        results = {}
        for name, event in (("one quote (baseline)", small), (f"{len(big.quotes):,} quotes", big)):
            selects, panel_seconds[:] = [], []
            for _ in range(args.repeats):
                document.select(None)
                app.processEvents()
                panel_seconds.clear()
                start = time.perf_counter()
                document.select(event)
                app.processEvents()
                selects.append((time.perf_counter() - start, panel_seconds[-1]))
            results[name] = (statistics.median(s for s, _ in selects), statistics.median(p for _, p in selects),
                             len(panel.cards))
        print(f"{'event selected':24} {'select s':>9} {'panel s':>8} {'cards built':>12}")
        for name, (select, panel_s, cards) in results.items():
            print(f"{name:24} {select:9.3f} {panel_s:8.3f} {cards:12}")
        print(f"medians of {args.repeats}; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        window.document.undo_stack.setClean()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
