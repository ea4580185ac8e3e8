"""What the intake tab offers its sections: services, the worker, and what to do after."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services
    from utq_desktop.services.dto import IntakeDetail


class IntakeHost(Protocol):
    @property
    def services(self) -> Services: ...

    @property
    def runner(self) -> TaskRunner: ...

    @property
    def detail(self) -> IntakeDetail | None: ...

    def saved(self) -> None:
        """A change was stored: reload the intake and the candidate's register row."""

    def failed(self, title: str, error: Exception) -> None:
        """Show an error; a refused (stale) change also reloads."""
