"""File > Print: the paper sheets of `desktop.formats.paper` on a printer, through Qt's own print dialog.

A small dialog first asks what only this program knows (the paper to plan for, how many sheets to
butt together, only the events the filters keep), then Qt's QPrintDialog chooses the printer and
its settings (the paper chosen there wins: the sheets are laid out for the page the printer
reports). The same `paint_sheets` draws the PDF export, so a print and the PDF look alike. The
window keeps one QPrinter, so the printer and its settings stay chosen for the next print.
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from desktop.formats.paper import DPI, PAPERS, SheetPlan, page_layout, paint_sheets, plan_sheets, write_sheets

__all__ = ["PrintSetup", "new_printer", "print_sheets", "run_print"]

PAPER_LABELS = {"A4": "A4 landscape", "A3": "A3 landscape", "Letter": "Letter landscape"}


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the sheet keeps its own margins, from the paper's corner
    printer.setPageLayout(page_layout("A4"))
    return printer


class PrintSetup(QDialog):
    """Paper, sheets and which events: the choices the system's print dialog does not have."""

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print timeline")
        self._document = document
        form = QFormLayout(self)
        self.paper = QComboBox(self)
        for key in PAPERS:
            self.paper.addItem(PAPER_LABELS[key], key)
        form.addRow("&Paper:", self.paper)
        self.sheets = QSpinBox(self)
        self.sheets.setRange(1, 50)
        self.sheets.setToolTip("Sheets that butt together into one strip, each with about as many events")
        form.addRow("&Sheets side by side:", self.sheets)
        self.only_filtered = QCheckBox("Only the events the filters keep", self)
        self.only_filtered.setEnabled(document.event_filter is not None)
        self.only_filtered.setChecked(document.event_filter is not None)
        form.addRow(self.only_filtered)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.print_button = buttons.addButton("&Print\u2026", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def event_ids(self) -> frozenset[str] | None:
        return self._document.event_filter if self.only_filtered.isChecked() else None


def print_sheets(document, printer: QPrinter, sheets: int = 1, event_ids: frozenset[str] | None = None) -> SheetPlan:
    """Lay the sheets out for the printer's page and print them; raise OSError when it cannot start."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # "Print to file": the same sheets as the PDF export, drawn into memory and renamed into place,
        # so a full disk leaves the old file whole and is reported (QPrinter writes straight to it)
        paper = next((key for key in PAPER_LABELS if page_layout(key).pageSize().id()
                      == printer.pageLayout().pageSize().id()), "A4")
        return write_sheets(document.timeline, printer.outputFileName(), paper, sheets, None, "light", event_ids)
    size = QSizeF(printer.pageLayout().fullRectPixels(DPI).size())
    plan = plan_sheets(document.timeline, size, sheets, None, "light", event_ids)
    printer.setDocName(document.timeline.title)
    paint_sheets(printer, plan)
    return plan


def run_print(window, printer: QPrinter) -> SheetPlan | None:
    """File > Print: the setup dialog, then Qt's print dialog, then the sheets; None when cancelled."""
    setup = PrintSetup(window.document, window)
    if setup.exec() != QDialog.DialogCode.Accepted:
        return None
    printer.setPageLayout(page_layout(setup.paper.currentData()))
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print timeline")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return print_sheets(window.document, printer, setup.sheets.value(), setup.event_ids())
