"""Exports and imports: PNG, SVG and PDF pictures, CSV tables, the handout, TimelineJS JSON and HTML.

Each format is one module; `export` chooses among them. They take a timeline and options and draw
through the canvas's own painting (`desktop.timeline`), never through a window.
"""
