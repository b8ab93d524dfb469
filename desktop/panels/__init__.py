"""Dock panels: quotes, event list and filters, warnings, editor forms. One module per panel."""
