"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call; after a
few thousand the interpreter aborts (none_dealloc). This guards the pinned combination."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

CALLS = 20_000


def test_void_qt_calls_do_not_drain_none_refcount(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(CALLS):
        label.setText(str(index))  # returns None: the call that leaked
    after = sys.getrefcount(None)
    # Unrelated code may add a few references; a leak would remove about CALLS of them.
    assert after >= before - 100, f"None refcount fell by {before - after} over {CALLS} calls"
    assert label.text() == str(CALLS - 1)
