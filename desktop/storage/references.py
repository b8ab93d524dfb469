"""Rules between entries: unique ids per kind, references that resolve, speakers, presentation steps,
and the provenance warnings placed on the quotes they concern."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.model import Timeline
from desktop.storage.fields import suggest
from desktop.storage.problems import Problems
from desktop.storage.reader import Reader
from desktop.storage.yamlnodes import pos

__all__ = ["check_references", "check_provenance"]

_KIND_WORD = {"source": "source", "person": "person", "post": "post", "event": "event"}
# a speaker written like an id (lower case words joined by hyphens) that matches no person is likely a typo
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


def check_references(reader: Reader, timeline: Timeline, problems: Problems) -> None:
    known: dict[str, set[str]] = {}
    for kind, definitions in reader.defined.items():
        seen: set[str] = set()
        for ident, node, ref in definitions:
            if ident in seen:
                line, column = pos(node)
                problems.error(line, column, f"duplicate {kind} id '{ident}' (another {kind} already has it)", ref)
            seen.add(ident)
        known[kind] = seen
    for kind, ident, node, ref in reader.refs:
        if ident not in known[kind]:
            line, column = pos(node)
            problems.error(line, column, f"unknown {kind} '{ident}': no {kind} has this id"
                                         f"{suggest(ident, known[kind])}", ref)
    for speaker, node, ref in reader.speakers:
        if speaker not in known["person"] and _SLUG.match(speaker):
            line, column = pos(node)
            problems.warning(line, column, f"speaker '{speaker}' looks like a person id but no person has it"
                                           f"{suggest(speaker, known['person'])}; "
                                           "write a body's name (such as Ofsted) as plain text", ref)
    # an event with errors of its own is not in the timeline but still known: no follow-on error here
    quote_counts = {e.id: len(e.quotes) for e in timeline.events}
    for step, event_node, quote_node in reader.steps:
        line, column = pos(event_node)
        if step.event not in known["event"]:
            problems.error(line, column, f"presentation step: unknown event '{step.event}'"
                                         f"{suggest(step.event, known['event'])}", ("event", step.event))
        elif step.quote is not None and step.event in quote_counts and step.quote >= quote_counts[step.event]:
            line, column = pos(quote_node)
            count = quote_counts[step.event]
            problems.error(line, column, f"presentation step: quote {step.quote} is out of range: event "
                                         f"'{step.event}' has {count} quote{'s' if count != 1 else ''} "
                                         f"(counting from 0)", ("event", step.event))


def check_provenance(reader: Reader, timeline: Timeline, base_dir: Path, problems: Problems, strict: bool) -> None:
    """Each provenance issue becomes a warning (an error when strict) at the quote or archive it concerns."""
    from desktop.core.provenance import check_quotes

    report = problems.error if strict else problems.warning
    for issue in check_quotes(timeline, base_dir):
        if issue.event_id is not None and (issue.event_id, issue.quote_index) in reader.quote_nodes:
            node = reader.quote_nodes[(issue.event_id, issue.quote_index)]
            ref = ("event", issue.event_id)
        else:
            nodes = reader.digest_nodes if issue.key == "sha256" else reader.archive_nodes
            node = nodes.get(issue.source_id)
            ref = ("source", issue.source_id)
        line, column = pos(node) if node is not None else (1, 1)
        report(line, column, issue.message, ref)
