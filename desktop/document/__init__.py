"""The open document and its file work: Qt (signals, the undo stack, threads), no widgets.

`document` (the Document: one timeline, its file, its undo stack, selection and filter), `commands`
(one undoable command per kind of edit), `edits` (compound edits that keep references whole), `drops`
(a drop on the canvas as a date edit), `opening` and `saving` (in the background), `recovery`
(autosave and the offer after a crash).
"""

from desktop.document.document import Document, FileChangedOnDisk, read_with_digest

__all__ = ["Document", "FileChangedOnDisk", "read_with_digest"]
