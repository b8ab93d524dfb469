"""How long and how much memory refusing each hostile file costs: the issue's budget is 2 s and 500 MB.

    python tests/benchmarks/bench_hostile.py [--repeats 3]

Runs `council-timeline validate FILE` in a child process for every file of tests/corpus/ and a generated
50 MB single-string file, and reports the median CPU seconds and the peak RSS of the child. The baseline,
measured in the same run, is validating the bundled data/tameside.yaml (a valid file), so ratios show what
a hostile file costs beyond the start-up of Python and the app's modules.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
BUDGET_CPU, BUDGET_MB = 2.0, 500


def _child_cost(path: Path) -> tuple[float, float, int]:
    """CPU seconds and peak RSS (MB) of one `validate` child, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "desktop", "validate", str(path)], cwd=ROOT, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, after.ru_maxrss / 1024, proc.returncode


def _measure(path: Path, repeats: int) -> tuple[float, float, int]:
    runs = [_child_cost(path) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


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
        files = sorted(CORPUS.glob("*.yaml"), key=lambda p: p.stat().st_size) + [big]
        base_cpu, base_mb, _ = _measure(ROOT / "data" / "tameside.yaml", args.repeats)
        print(f"baseline: validate data/tameside.yaml  cpu {base_cpu:.3f} s (median of {args.repeats})  "
              f"peak {base_mb:.0f} MB")
        print(f"{'file':42} {'exit':>4} {'cpu s':>7} {'x base':>7} {'peak MB':>8}")
        worst_cpu = worst_mb = 0.0
        over = []
        for path in files:
            cpu, mb, code = _measure(path, args.repeats)
            worst_cpu, worst_mb = max(worst_cpu, cpu), max(worst_mb, mb)
            flag = ""
            if cpu > BUDGET_CPU or mb > BUDGET_MB or code != 1:
                flag = "  <-- over budget or not refused"
                over.append(path.name)
            print(f"{path.name:42} {code:>4} {cpu:7.3f} {cpu / base_cpu:7.2f} {mb:8.0f}{flag}")
        print(f"worst: cpu {worst_cpu:.3f} s ({worst_cpu / base_cpu:.2f}x baseline), peak {worst_mb:.0f} MB; "
              f"budget {BUDGET_CPU} s and {BUDGET_MB} MB; {len(over)} over: {', '.join(over) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
