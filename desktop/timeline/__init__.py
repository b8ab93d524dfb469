"""The timeline canvas (pyqtgraph): lanes, markers, tenure spans, labels, date axis."""

from desktop.timeline.view import TimelineView

__all__ = ["TimelineView"]
