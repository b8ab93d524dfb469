"""Timelines whose archives lead out of their folder, for the hostile-archive tests (file and app)."""

from __future__ import annotations

from pathlib import Path

from samples import BASE

ROOT = Path(__file__).resolve().parent.parent

SECRET = "hunter2 is the password"
ARCHIVE_LINE, ARCHIVE_COLUMN = 10, 14  # of `archive:`'s value in BASE


SECOND_SOURCE = """\
  - id: real
    outlet: Example Gazette
    title: Another article
    author: null
    published: 2020
    url: null
    archive: sources/real.txt
"""


def write_with_archive(folder: Path, archive: str, quote: str = SECRET) -> Path:
    """`BASE` in `folder`/t.yaml with its source's archive set to `archive` and its quote to `quote`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "t.yaml"
    text = BASE.replace("    archive: null", f"    archive: {archive}").replace("text: Some words.", f"text: {quote}")
    path.write_text(text, encoding="utf-8")
    return path


def secret_outside(tmp_path: Path) -> Path:
    """A private file beside (not inside) the timeline's folder, holding the quoted words."""
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"notes: {SECRET}\n", encoding="utf-8")
    return secret


def downloaded_pack(home: Path) -> Path:
    """A downloaded timeline naming `../.config/autostart/evil.desktop` as an archive, with that file
    shipped beside it in the download (as a zip would unpack), and one real source of its own."""
    downloads = home / "Downloads"
    evil = downloads / ".config" / "autostart" / "evil.desktop"
    evil.parent.mkdir(parents=True)
    evil.write_text("[Desktop Entry]\nExec=sh -c 'touch /tmp/pwned'\n", encoding="utf-8")
    path = write_with_archive(downloads / "pack", "../.config/autostart/evil.desktop", quote="Exec")
    (path.parent / "sources").mkdir()
    (path.parent / "sources" / "real.txt").write_text("A real article.", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("people:\n", SECOND_SOURCE + "people:\n", 1),
                    encoding="utf-8")
    return path


#: timelines whose archives lead out of their folder (tests/corpus/archives/_generate.py)
CORPUS = ROOT / "tests" / "corpus" / "archives"


def corpus_cases() -> list[tuple[str, str, list[str]]]:
    rows = []
    for raw in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        if raw and not raw.startswith("#"):
            name, line, words = raw.split("\t")
            rows.append((name, line, words.split("|")))
    return rows
