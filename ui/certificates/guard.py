"""Results of background jobs for windows that may be closed meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from shiboken6 import isValid


def while_alive(owner: QObject, handler: Callable[[Any], None]) -> Callable[[Any], None]:
    """``handler``, unless ``owner`` (a dialog, a window) was deleted before the job ended:
    then the result is dropped instead of touching deleted widgets."""

    def call(value: Any) -> None:
        if isValid(owner):
            handler(value)

    return call
