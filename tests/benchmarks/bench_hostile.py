"""How long and how much memory refusing each hostile file costs: the issue's budget is 2 s and 500 MB.

    python tests/benchmarks/bench_hostile.py [--repeats 3]

Runs `council-timeline validate FILE` in a child process for every file of tests/corpus/ and a generated
50 MB single-string file, and reports the median CPU seconds and the peak RSS of the child; these must be
refused (exit 1). Then the hostile archives: tests/corpus/archives/ and files made here whose archives are
a FIFO, a 3 GB sparse file, links out of the folder to /dev/zero and to /etc/passwd, one timeline with
all three of /dev/zero, a FIFO and the 3 GB file, and one with forty archives of 16 MiB; these open with a
warning (exit 0), and their wall time is held to the budget too (waiting on a pipe costs no CPU). The baseline,
measured in the same run, is validating the bundled data/tameside.yaml (a valid file), so ratios show what
a hostile file costs beyond the start-up of Python and the app's modules.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from samples import BASE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
BUDGET_CPU, BUDGET_MB = 2.0, 500


def _child_cost(path: Path) -> tuple[float, float, float, int, str]:
    """CPU seconds, wall seconds and peak RSS (MB) of one `validate` child, its exit code and output.
    A child that waits for ever (a FIFO read) is stopped after 60 s."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "desktop", "validate", str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        code, out = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired:
        code, out = -1, "timed out"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss / 1024, code, out


def _measure(path: Path, repeats: int) -> tuple[float, float, float, int, str]:
    runs = [_child_cost(path) for _ in range(repeats)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs),
            runs[-1][3], runs[-1][4])


def _archive_timeline(folder: Path, name: str, archives: list[str]) -> Path:
    """A valid timeline with one source per archive, each quoted once."""
    sources = "".join(f"  - id: s{n}\n    outlet: O\n    title: T\n    author: null\n    published: null\n"
                      f"    url: null\n    archive: '{archive}'\n" for n, archive in enumerate(archives))
    quotes = "".join(f"      - speaker: ann\n        text: root\n        source: s{n}\n" for n in range(len(archives)))
    start, end = BASE.index("sources:\n"), BASE.index("people:\n")
    text = BASE[:start] + "sources:\n" + sources + BASE[end:]
    text = text.replace("sources: [src]", "sources: [s0]").replace(
        "      - speaker: ann\n        text: Some words.\n        source: src\n", quotes)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _hostile_archives(folder: Path) -> list[Path]:
    """Timelines whose archives are special files, made here (a FIFO and links cannot be committed)."""
    sources = folder / "sources"
    sources.mkdir()
    os.mkfifo(sources / "fifo.txt")
    with (sources / "sparse-3gb.txt").open("wb") as f:
        f.truncate(3 * 1024**3)
    (sources / "zero.txt").symlink_to("/dev/zero")
    (sources / "passwd.txt").symlink_to("/etc/passwd")
    for n in range(40):  # a few kilobytes zipped
        with (sources / f"full-{n}.txt").open("wb") as f:
            f.truncate(16 * 1024**2)
    return [
        _archive_timeline(folder, "archive-fifo.yaml", ["sources/fifo.txt"]),
        _archive_timeline(folder, "archive-sparse-3gb.yaml", ["sources/sparse-3gb.txt"]),
        _archive_timeline(folder, "archive-link-to-dev-zero.yaml", ["sources/zero.txt"]),
        _archive_timeline(folder, "archive-link-to-etc-passwd.yaml", ["sources/passwd.txt"]),
        _archive_timeline(folder, "archive-zero-fifo-3gb.yaml", ["/dev/zero", "sources/fifo.txt", "sources/sparse-3gb.txt"]),
        _archive_timeline(folder, "archive-forty-of-16-mib.yaml", [f"sources/full-{n}.txt" for n in range(40)]),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "string-50mb.yaml"
        with big.open("w", encoding="utf-8") as f:  # in chunks: a forked child counts the parent's pages
            f.write("format: council-timeline/1\ntitle: ")
            for _ in range(50):
                f.write("x" * 1024 * 1024)
            f.write("\n")
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure the small files first
        refused = sorted(CORPUS.glob("*.yaml"), key=lambda p: p.stat().st_size)
        warned = sorted((CORPUS / "archives").glob("*.yaml")) + _hostile_archives(Path(tmp))
        files = [(path, 1) for path in refused] + [(path, 0) for path in warned] + [(big, 1)]
        base_cpu, base_wall, base_mb, _, _ = _measure(ROOT / "data" / "tameside.yaml", args.repeats)
        print(f"baseline: validate data/tameside.yaml  cpu {base_cpu:.3f} s, wall {base_wall:.3f} s "
              f"(medians of {args.repeats})  peak {base_mb:.0f} MB")
        print(f"{'file':42} {'exit':>4} {'cpu s':>7} {'x base':>7} {'wall s':>7} {'peak MB':>8}")
        worst_cpu = worst_mb = worst_wall = 0.0
        over = []
        for path, expected in files:
            cpu, wall, mb, code, out = _measure(path, args.repeats)
            worst_cpu, worst_mb = max(worst_cpu, cpu), max(worst_mb, mb)
            # a file that opens must also not wait: a read of a pipe costs time but no CPU
            worst_wall = max(worst_wall, wall) if expected == 0 else worst_wall
            flag = ""
            waited = expected == 0 and wall > BUDGET_CPU
            if cpu > BUDGET_CPU or waited or mb > BUDGET_MB or code != expected or (expected == 0 and "warning" not in out):
                flag = "  <-- over budget, or not refused / not warned"
                over.append(path.name)
            print(f"{path.name:42} {code:>4} {cpu:7.3f} {cpu / base_cpu:7.2f} {wall:7.3f} {mb:8.0f}{flag}")
        print(f"hostile archives: longest wall time {worst_wall:.3f} s (budget {BUDGET_CPU} s)")
        print(f"worst: cpu {worst_cpu:.3f} s ({worst_cpu / base_cpu:.2f}x baseline), peak {worst_mb:.0f} MB; "
              f"budget {BUDGET_CPU} s and {BUDGET_MB} MB; {len(over)} over: {', '.join(over) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
