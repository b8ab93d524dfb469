"""Regenerate the hostile-archive corpus: `python tests/corpus/archives/_generate.py`.

Each case is a valid timeline whose one source's `archive:` names something the program must not
read: a file outside the timeline's folder or a device. Unlike the files one folder up, these open
(the archive is a warning, its quotes "not checked"); `validate --strict` refuses them. MANIFEST.tsv
has the same columns as the main corpus's: file, the line of the first problem, words its message
must contain. Cases that need a special file (a FIFO, a 3 GB sparse file, a link out of the folder)
are made at test time: tests/test_archives_hostile.py and tests/benchmarks/bench_hostile.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from samples import BASE  # noqa: E402

ARCHIVE_LINE = 10
CASES = [  # name, archive, quote (words the target file holds), words of the message
    ("archive-absolute-etc-passwd.yaml", "/etc/passwd", "root:x:0:0", "absolute"),
    ("archive-dev-zero.yaml", "/dev/zero", "Some words.", "absolute"),
    ("archive-dev-stdin.yaml", "/dev/stdin", "Some words.", "absolute"),
    ("archive-dot-dot-etc-passwd.yaml", "../../../../../../../../../../etc/passwd", "root:x:0:0", "outside"),
    ("archive-dot-dot-after-a-folder.yaml", "sources/../../secret.txt", "Some words.", "outside"),
    ("archive-home-bashrc.yaml", "~/.bashrc", "alias", "'~'|expanded"),
    ("archive-the-folder-itself.yaml", ".", "Some words.", "regular file"),
]


def main() -> None:
    for old in HERE.glob("*.yaml"):
        old.unlink()
    rows = ["# file\tline (one of, or - for any)\twords (one of, lower case)"]
    for name, archive, quote, words in CASES:
        text = BASE.replace("    archive: null", f"    archive: '{archive}'").replace("text: Some words.", f"text: '{quote}'")
        assert text.splitlines()[ARCHIVE_LINE - 1].startswith("    archive: ")
        (HERE / name).write_text(text, encoding="utf-8")
        rows.append(f"{name}\t{ARCHIVE_LINE}\t{words}")
    (HERE / "MANIFEST.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(CASES)} corpus files written to {HERE}")


if __name__ == "__main__":
    main()
