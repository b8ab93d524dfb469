"""The main window and what only it needs: actions and menus, the file life cycle, the editor's docks,
the export dialog, the presentation, themes and settings."""
