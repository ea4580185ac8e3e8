"""The detail area: the registered tabs for the selected candidate, loaded lazily."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QWidget

from ui.detail.base import DetailTab, TabContext
from ui.detail.registry import TABS


class CandidateDetail(QStackedWidget):
    candidate_changed = Signal(int)

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDetail")
        self._empty = QLabel(self.tr("Select a candidate in the register."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("detailEmpty")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("candidateTabs")
        self.tabs.setDocumentMode(True)
        self._pages: list[DetailTab] = []
        for tab_class in TABS:
            page = tab_class(context, self.tabs)
            page.candidate_changed.connect(self._on_tab_changed_candidate)
            self.tabs.addTab(page, page.title())
            self._pages.append(page)
        self.addWidget(self._empty)
        self.addWidget(self.tabs)
        self._candidate_id = 0
        self._loaded: set[int] = set()  # indexes of pages showing the current candidate
        self.tabs.currentChanged.connect(self._load_current)

    @property
    def pages(self) -> list[DetailTab]:
        return list(self._pages)

    def candidate_id(self) -> int:
        return self._candidate_id

    def show_candidate(self, candidate_id: int) -> None:
        self._candidate_id = candidate_id
        self._loaded.clear()
        self.setCurrentWidget(self.tabs if candidate_id else self._empty)
        self._load_current()

    def refresh(self) -> None:
        self.show_candidate(self._candidate_id)

    def _load_current(self, *_args: object) -> None:
        index = self.tabs.currentIndex()
        if not self._candidate_id or index < 0 or index in self._loaded:
            return
        self._loaded.add(index)
        self._pages[index].load(self._candidate_id)

    def _on_tab_changed_candidate(self, candidate_id: int) -> None:
        self.candidate_changed.emit(candidate_id)
