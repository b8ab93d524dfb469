"""Regenerate the bad-input corpus: `python tests/corpus/_generate.py`.

Each case is a small file that must be rejected cleanly (exit 1 with FILE:LINE:COL where a position exists).
MANIFEST.tsv lists: file, the line the first problem must be reported on (or `-` where no position exists),
and words the message must contain (lower case, `|` separated alternatives).
A few hostile files are valid and must be accepted: their line is `ok` (validate exits 0, every export
writes them, the app opens them): markup in every text, dates on the calendar's last day.
Huge inputs (a 50 MB string) are made at test time in tmp_path, not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from samples import BASE  # noqa: E402


CASES: list[tuple[str, bytes, str, str]] = []  # (name, content, expected line or '-', words)


def add(name: str, content: str | bytes, line: str, words: str) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    CASES.append((name, data, line, words))


def mutate(name: str, old: str, new: str, words: str, *, line_of: str | None = None, also: str = "") -> None:
    """Replace the first `old` in BASE by `new`; the expected line is where `line_of` (default `new`) lands.

    `also` adds accepted alternative lines (`|` separated): a syntax error may fairly be reported where the
    construct opened or where the parser gave up.
    """
    assert old in BASE, old
    text = BASE.replace(old, new, 1)
    marker = line_of if line_of is not None else new.strip().splitlines()[0]
    idx = text.index(marker)
    line = str(text.count("\n", 0, idx) + 1)
    add(name, text, f"{line}|{also}" if also else line, words)


# -- YAML syntax ------------------------------------------------------------------------------
mutate("syntax-unclosed-quote.yaml", "title: An inspection", 'title: "An inspection', "syntax|quot|scalar|end of stream", also="36")
mutate("syntax-bad-indent.yaml", "    name: Council leader", "      name: Council leader", "syntax|indent|mapping", line_of="      name: Council")
add("syntax-tab-indent.yaml", BASE.replace("    outlet: Example Gazette", "\toutlet: Example Gazette"), "5", "tab|syntax")
mutate("syntax-unclosed-flow.yaml", "    people: [ann]", "    people: [ann", "syntax|flow|sequence|expected", also="31")
mutate("syntax-mapping-in-plain.yaml", "title: An inspection", "title: An: inspection", "syntax|mapping")
add("syntax-stray-text.yaml", BASE + "this is not yaml: [\n", "-", "syntax|flow|expected")
add("syntax-block-scalar-bad.yaml", BASE.replace("title: Base", "title: |\nnot indented"), "3|4", "syntax|expected|mapping|could not find")

# -- tags: never constructed, never run ---------------------------------------------------------
mutate("tag-python-object-apply.yaml", "title: An inspection", 'title: !!python/object/apply:os.system ["touch /tmp/council-timeline-pwned"]', "tag")
mutate("tag-python-name.yaml", "title: An inspection", "title: !!python/name:os.system", "tag")
mutate("tag-python-module.yaml", "title: An inspection", "title: !!python/module:os", "tag")
mutate("tag-python-object-new.yaml", "title: An inspection", "title: !!python/object/new:subprocess.Popen [[touch, /tmp/council-timeline-pwned]]", "tag")
mutate("tag-ruby.yaml", "title: An inspection", "title: !ruby/object:Gem::Installer {i: x}", "tag")
mutate("tag-local.yaml", "title: An inspection", "title: !shout hello", "tag")
mutate("tag-binary.yaml", "title: An inspection", "title: !!binary aGVsbG8=", "tag|type|text|string")
mutate("tag-set.yaml", "    people: [ann]", "    people: !!set {ann: null}", "tag|type|list")
mutate("tag-verbatim.yaml", "title: An inspection", "title: !<tag:example.com,2000:app/foo> bar", "tag")

# -- anchors and aliases: refused (expansion bombs) ------------------------------------------------
lol = ["format: council-timeline/1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i, (prev, cur) in enumerate(zip("abcdefgh", "bcdefghi")):
    lol.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
lol.append("title: *i")
add("alias-billion-laughs.yaml", "\n".join(lol) + "\n", "2", "alias|anchor")
mutate("alias-simple.yaml", "    sources: [src]\nevents:", "    sources: &srcs [src]\nevents:", "alias|anchor", line_of="&srcs")
add("alias-reuse.yaml", BASE.replace("    people: [ann]", "    people: &p [ann]").replace("    sources: [src]\n    quotes", "    sources: *p\n    quotes"), "30", "alias|anchor")
add("alias-merge-key.yaml", BASE.replace("people:\n  - id: ann\n    name: Ann Example", "people:\n  - &base\n    id: ann\n    name: Ann Example\n  - <<: *base\n    id: bob"), "12", "alias|anchor|merge")

# -- nesting ---------------------------------------------------------------------------------------
add("nesting-10k-flow-lists.yaml", "format: council-timeline/1\ntitle: " + "[" * 10000 + "]" * 10000 + "\n", "2", "nest|deep")
add("nesting-10k-flow-maps.yaml", "format: council-timeline/1\ntitle: " + "{a: " * 10000 + "b" + "}" * 10000 + "\n", "2", "nest|deep")
add("nesting-200-block.yaml", "format: council-timeline/1\ntitle:\n" + "".join(" " * i + "- \n" for i in range(0, 400, 2)), "-", "nest|deep")

# -- encodings and odd bytes ------------------------------------------------------------------------
add("encoding-invalid-utf8.yaml", BASE.replace("An inspection", "An insp\xe9ction").encode("latin-1"), "29", "utf-8")
add("encoding-utf16-le-bom.yaml", BASE.encode("utf-16"), "1", "utf-8|utf-16|encod")
add("encoding-utf16-be.yaml", BASE.encode("utf-16-be"), "1", "utf-8|utf-16|encod|nul")
add("encoding-nul-byte.yaml", BASE.replace("An inspection", "An \x00inspection"), "29", "nul|control|character")
add("encoding-bell-control.yaml", BASE.replace("An inspection", "An \x07inspection"), "29", "control|character")
add("encoding-truncated-utf8.yaml", BASE.encode() + "title2: \u2019".encode()[:-1], "-", "utf-8")

# -- empty, several documents, wrong top level -------------------------------------------------------
add("empty.yaml", "", "-", "empty")
add("only-comments.yaml", "# nothing here\n# at all\n", "-", "empty")
add("whitespace-only.yaml", "   \n\n  \n", "-", "empty")
add("multiple-documents.yaml", BASE + "---\n" + BASE, "-", "document")
add("top-level-list.yaml", "- format: council-timeline/1\n- title: x\n", "1", "mapping")
add("top-level-scalar.yaml", "just some words\n", "1", "mapping")
add("top-level-null.yaml", "~\n", "1", "mapping|empty")

# -- schema ---------------------------------------------------------------------------------------
mutate("schema-missing-format.yaml", "format: council-timeline/1\n", "", "format", line_of="title: Base")
mutate("schema-unknown-format.yaml", "format: council-timeline/1", "format: council-timeline/99", "format|version")
mutate("schema-format-not-string.yaml", "format: council-timeline/1", "format: [council-timeline/1]", "format")
mutate("schema-unknown-top-key.yaml", "title: Base", "title: Base\ntitel: typo", "unknown|titel", line_of="titel")
mutate("schema-unknown-event-key.yaml", "    title: An inspection", "    titel: An inspection", "unknown|titel")
mutate("schema-missing-event-title.yaml", "    title: An inspection\n", "", "title|missing|required", line_of="  - id: ev1")
mutate("schema-title-wrong-type.yaml", "    title: An inspection", "    title: [An, inspection]", "title|text|string|type")
mutate("schema-title-bool.yaml", "    title: An inspection", "    title: yes", "title|text|string|type")
mutate("schema-bad-kind.yaml", "    kind: inspection", "    kind: raid", "kind")
mutate("schema-bad-rating.yaml", "    rating: good", "    rating: excellent", "rating")
mutate("schema-rating-on-statement.yaml", "    kind: inspection", "    kind: statement", "rating", line_of="    rating: good")
mutate("schema-approx-not-bool.yaml", "    approx: false", "    approx: perhaps", "approx|bool|true")
mutate("schema-sources-not-list.yaml", "    sources: [src]\n    quotes", "    sources: src\n    quotes", "sources|list", line_of="    sources: src")
mutate("schema-events-mapping.yaml", "events:\n  - id: ev1", "events:\n  ev1:\n    id: ev1", "events|list", line_of="  ev1:")
mutate("schema-person-scalar.yaml", "people:\n  - id: ann\n    name: Ann Example", "people:\n  - ann\n  - id: ann\n    name: Ann Example", "mapping|person", line_of="  - ann")
mutate("schema-quote-missing-text.yaml", "        text: Some words.\n", "", "text|missing|required", line_of="      - speaker: ann")
mutate("schema-duplicate-key.yaml", "    kind: inspection", "    kind: inspection\n    kind: statement", "duplicate|kind", line_of="    kind: statement")

# -- dates --------------------------------------------------------------------------------------------
mutate("date-impossible.yaml", "    date: 2020-01-02", "    date: 2023-02-30", "date|2023-02-30|real")
mutate("date-month-13.yaml", "    date: 2020-01-02", "    date: 2023-13", "date|month")
mutate("date-wrong-format.yaml", "    date: 2020-01-02", "    date: 30/01/2023", "date")
mutate("date-with-time.yaml", "    date: 2020-01-02", "    date: 2020-01-02 10:30:00", "date|time")
mutate("date-year-out-of-range.yaml", "    date: 2020-01-02", "    date: 99999", "date|year|range")
mutate("date-tenure-end-before-start.yaml", "    end: 2021", "    end: 2018", "end|before|start")

# -- ids and references --------------------------------------------------------------------------------
mutate("ref-duplicate-event-id.yaml", "    quotes:\n      - speaker: ann\n        text: Some words.\n        source: src\n",
       "    quotes:\n      - speaker: ann\n        text: Some words.\n        source: src\n  - id: ev1\n    date: 2021\n    approx: false\n    kind: statement\n    title: Again\n    people: []\n    sources: [src]\n",
       "duplicate|ev1", line_of="  - id: ev1\n    date: 2021")
mutate("ref-duplicate-person-id.yaml", "    name: Ann Example", "    name: Ann Example\n  - id: ann\n    name: Ann Again", "duplicate|ann", line_of="  - id: ann\n    name: Ann Again")
mutate("ref-duplicate-source-id.yaml", "    archive: null\npeople:", "    archive: null\n  - id: src\n    outlet: Other\n    title: Other\npeople:", "duplicate|src", line_of="  - id: src\n    outlet: Other")
mutate("ref-dangling-event-person.yaml", "    people: [ann]", "    people: [bob]", "bob|person|unknown")
mutate("ref-dangling-event-source.yaml", "    sources: [src]\n    quotes", "    sources: [nowhere]\n    quotes", "nowhere|source|unknown", line_of="    sources: [nowhere]")
mutate("ref-dangling-tenure-post.yaml", "    post: leader", "    post: mayor", "mayor|post|unknown")
mutate("ref-dangling-tenure-person.yaml", "  - person: ann", "  - person: zed", "zed|person|unknown")
mutate("ref-dangling-quote-source.yaml", "        source: src", "        source: elsewhere", "elsewhere|source|unknown")
_BASE_LINES = BASE.count("\n")
add("ref-presentation-unknown-event.yaml", BASE + "presentation:\n  title: Talk\n  steps:\n    - event: nope\n      quote: 0\n", str(_BASE_LINES + 4), "nope|event|unknown")
add("ref-presentation-quote-out-of-range.yaml", BASE + "presentation:\n  title: Talk\n  steps:\n    - event: ev1\n      quote: 5\n", str(_BASE_LINES + 5), "quote|range")


# -- hostile but valid: accepted, shown and exported as text --------------------------------------------
def accept(name: str, content: str) -> None:
    add(name, content, "ok", "-")


_MARKUP = '<b>bold</b> <a href="file:///etc/passwd">passwd</a> <img src=x onerror=alert(1)>'
accept("ok-markup-in-every-text.yaml", BASE
       .replace("title: Base", f"title: '{_MARKUP}'")
       .replace("outlet: Example Gazette", f"outlet: 'Gazette {_MARKUP}'")
       .replace("title: An article", f"title: 'Article {_MARKUP}'")
       .replace("name: Ann Example", f"name: 'Ann {_MARKUP}'")
       .replace("name: Council leader", f"name: 'Leader {_MARKUP}'")
       .replace("title: An inspection", f"title: 'Inspection {_MARKUP}'")
       .replace("text: Some words.", f"text: 'Words {_MARKUP}'"))
accept("ok-date-last-day.yaml", BASE.replace("    date: 2020-01-02", "    date: 9999-12").replace("    end: 2021", "    end: 9999-12-31"))


def main() -> None:
    for old in HERE.glob("*.yaml"):
        old.unlink()
    rows = ["# file\tline (one of, or - for any)\twords (one of, lower case)"]
    for name, data, line, words in CASES:
        (HERE / name).write_bytes(data)
        rows.append(f"{name}\t{line}\t{words}")
    (HERE / "MANIFEST.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(CASES)} corpus files written to {HERE}")


if __name__ == "__main__":
    main()
