"""The core: the timeline's model and the rules about it, with no Qt and no files written.

`model` (the dataclasses), `dates` (partial dates), `rules` (what an edit may be), `citation` (the one
wording of a citation), `provenance` (is a quote verbatim in its archive), `textsafety` (untrusted text
made safe to show), `slides` (which slides a talk shows) and `paths` (where bundled files live).
Nothing here imports PySide6 or anything above it; `make test` checks that (import-linter contracts).
"""
