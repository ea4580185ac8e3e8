"""The PySide6 layer: windows, tabs, dialogs, table models and workers.

It calls utq_desktop.services and receives frozen dataclasses; it never opens a database
session itself (enforced by ui/ruff.toml).
"""
