"""File > Export and File > Import TimelineJS: the dialogs in front of `desktop.formats.export` and `timelinejs`.

Thin on purpose: the dialog collects the same choices as `council-timeline export` (format,
dates, size, DPI, paper and sheets, only the filtered events) and calls the same `export_timeline`, so the menu
and the command line cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QSpinBox, QWidget,
)

from desktop.core.dates import DateError, PartialDate
from desktop.formats.export import SUFFIXES, ExportOptions, export_notes, export_timeline
from desktop.panels.plaintext import plain_label, tell

__all__ = ["ExportDialog", "run_export_dialog", "import_timelinejs_into", "run_import_timelinejs"]

FORMAT_LABELS = {
    "png": "PNG image", "svg": "SVG drawing (vector)", "pdf": "PDF on paper (vector)",
    "handout": "PDF handout (timeline, then events with quotes and sources)",
    "csv": "CSV tables (events, and quotes beside it)", "timelinejs": "TimelineJS JSON (for the web)",
}


class ExportDialog(QDialog):
    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export timeline")
        self._document = document
        self.written: list[Path] = []
        self.notes: list[str] = []
        form = QFormLayout(self)
        self.format = QComboBox(self)
        for key, label in FORMAT_LABELS.items():
            self.format.addItem(label, key)
        form.addRow("Format:", self.format)
        self.date_from, self.date_to = QLineEdit(self), QLineEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText("all (or 2016, 2016-05, 2016-05-17)")
        form.addRow("From:", self.date_from)
        form.addRow("To:", self.date_to)
        self.width_px, self.height_px, self.dpi = QSpinBox(self), QSpinBox(self), QSpinBox(self)
        for spin, lo, hi, value in ((self.width_px, 16, 20000, 1920), (self.height_px, 16, 20000, 1080),
                                    (self.dpi, 24, 2400, 96)):
            spin.setRange(lo, hi)
            spin.setValue(value)
        form.addRow("Width (px):", self.width_px)
        form.addRow("Height (px):", self.height_px)
        form.addRow("Resolution (DPI):", self.dpi)
        self.paper = QComboBox(self)
        for label, value in (("A4 landscape", "A4"), ("A3 landscape", "A3"), ("Letter landscape", "Letter")):
            self.paper.addItem(label, value)
        self.pages = QSpinBox(self)
        self.pages.setRange(1, 50)
        form.addRow("Paper:", self.paper)
        form.addRow("Sheets side by side:", self.pages)
        self.paper.currentIndexChanged.connect(self._format_changed)
        self.only_filtered = QCheckBox("Only the events the filters keep", self)
        self.only_filtered.setEnabled(document.event_filter is not None)
        self.only_filtered.setChecked(document.event_filter is not None)
        form.addRow(self.only_filtered)
        row = QHBoxLayout()
        self.output = QLineEdit(self)
        browse = QPushButton("Browse\u2026", self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        form.addRow("Save to:", row)
        self.error = plain_label(QLabel(self))  # may name a path or quote a file's text
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if document.path is not None:  # beside the timeline file, named after it
            self.output.setText(str(Path(document.path).with_suffix(SUFFIXES["png"])))
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        for spin in (self.width_px, self.height_px):
            spin.setEnabled(fmt in ("png", "svg"))
        self.dpi.setEnabled(fmt == "png")
        self.paper.setEnabled(fmt in ("pdf", "handout"))
        self.pages.setEnabled(fmt == "pdf")
        text = self.output.text().strip()
        if text:
            self.output.setText(str(Path(text).with_suffix(SUFFIXES[fmt])))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        start = self.output.text() or str((self._document.path or Path("timeline")).with_suffix(SUFFIXES[fmt]))
        path, _ = QFileDialog.getSaveFileName(self, "Export to", start, f"*{SUFFIXES[fmt]}")
        if path:
            self.output.setText(path)

    def options(self) -> ExportOptions:
        """The choices as export options; raise ValueError with a sentence for the user."""
        try:
            date_from = PartialDate.parse(self.date_from.text()) if self.date_from.text().strip() else None
            date_to = PartialDate.parse(self.date_to.text()) if self.date_to.text().strip() else None
        except DateError as exc:
            raise ValueError(str(exc)) from None
        if date_from and date_to and date_to.last < date_from.start:
            raise ValueError("'To' is before 'From'")
        ids = self._document.event_filter if self.only_filtered.isChecked() else None
        fmt = self.format.currentData()
        paper = self.paper.currentData() if fmt in ("pdf", "handout") else None
        return ExportOptions(fmt, date_from, date_to, self.width_px.value(), self.height_px.value(),
                             self.dpi.value(), "light", ids, self.pages.value() if fmt == "pdf" else 1, paper)

    def _export(self) -> None:
        if not self.output.text().strip():
            self.error.setText("Choose where to save the export.")
            return
        try:
            options = self.options()
            self.written = export_timeline(self._document, Path(self.output.text().strip()), options)
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        except OSError as exc:
            self.error.setText(f"Could not write the export: {exc.strerror or exc}")
            return
        self.notes = export_notes(self._document, options)
        if self.notes:
            tell(self, QMessageBox.Icon.Information, "Exported, with a note", "\n\n".join(self.notes))
        self.accept()


def run_export_dialog(window) -> list[Path]:
    """File > Export: the files written (empty when cancelled)."""
    dialog = ExportDialog(window.document, window)
    dialog.exec()
    return dialog.written


def import_timelinejs_into(document, path: str | Path) -> list[str]:
    """Replace the document's timeline with the imported one (untitled, to be saved as YAML).

    Returns the messages about what could not be mapped. Raises TimelineJSError or OSError when the
    file cannot be read, storage.LoadError if the mapped timeline does not validate (a bug to report).
    """
    from desktop import storage
    from desktop.formats.timelinejs import read_timelinejs

    result = read_timelinejs(path)
    loaded = storage.loads(storage.dump(result.timeline), f"{Path(path).stem}.yaml")
    document.set_timeline(loaded.timeline, None, loaded.warnings)
    return result.messages


def run_import_timelinejs(window, path: str | None = None) -> bool:
    """File > Import TimelineJS: pick a file, import it, show what did not map."""
    from desktop import storage
    from desktop.formats.timelinejs import TimelineJSError

    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Import TimelineJS JSON", "", "TimelineJS JSON (*.json)")
        if not path:
            return False
    try:
        messages = import_timelinejs_into(window.document, path)
    except (TimelineJSError, OSError, storage.LoadError) as exc:
        tell(window, QMessageBox.Icon.Critical, "Could not import", str(exc))
        return False
    if messages:
        count = len(window.document.timeline.events)
        tell(window, QMessageBox.Icon.Information, "Imported with changes",
             f"Imported {count} events. Some things could not be mapped; see the details. "
             "Save the timeline to keep it.", detail="\n".join(messages))
    return True
