"""Exemption tab: the candidate's exemption requests (usually one) with their steps, the
documents filed with them and the decision letter, and their partial certificates from
other universities. Every change goes through the services in its own transaction and is
audited (the Overview's timeline); steps, filing and partial certificates are undoable.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.enums import Language, TrajectoryStatus
from utq_desktop.domain.exemption import CaseStatus
from utq_desktop.errors import StaleEditError
from utq_desktop.services.exemption_dto import (
    ExemptionCaseInfo,
    ExemptionDetail,
    PartialCertificateInfo,
)

from ui.detail.base import DetailTab, TabContext
from ui.detail.exemption.case_view import CaseSection
from ui.detail.exemption.certificate_editing import CertificateEditor
from ui.detail.exemption.certificates import CertificatesSection
from ui.detail.exemption.documents import DocumentsSection, LetterSection
from ui.detail.exemption.editing import ExemptionEditor
from ui.detail.exemption.texts import case_status_text, status_color
from ui.formatting import format_date
from ui.messages import show_error
from ui.workers import TaskRunner

NOTICE_MS = 8000


class ExemptionTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("exemptionTab")
        self._requested = 0
        self._detail: ExemptionDetail | None = None
        self.select_next = 0  # a case just filed: show it once loaded
        self.editor = ExemptionEditor(self)
        self.certificate_editor = CertificateEditor(self)

        self.content = QWidget(self)
        self.content.setObjectName("exemptionContent")
        self.summary = QLabel(self.content)
        self.summary.setObjectName("exemptionSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.file_button = QPushButton(self.tr("File exemption &request…"), self.content)
        self.file_button.setObjectName("exemptionFileCase")
        self.file_button.clicked.connect(lambda: self.editor.file_case())
        self.chooser = QComboBox(self.content)
        self.chooser.setObjectName("exemptionCaseChooser")
        self.chooser.setAccessibleName(self.tr("Exemption request shown"))
        self.chooser.currentIndexChanged.connect(self._show_chosen)
        self.chooser_label = QLabel(self.tr("Re&quest:"), self.content)
        self.chooser_label.setBuddy(self.chooser)
        self.case_section = CaseSection(self, self.content)
        self.documents = DocumentsSection(self, self.content)
        self.letter = LetterSection(self, self.content)
        self.certificates = CertificatesSection(self, self.content)
        self.notice = QLabel(self.content)
        self.notice.setObjectName("exemptionNotice")
        self.notice.setWordWrap(True)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.clear)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.file_button, 0, Qt.AlignmentFlag.AlignTop)
        choose = QHBoxLayout()
        choose.addWidget(self.chooser_label)
        choose.addWidget(self.chooser, 1)
        column = QVBoxLayout(self.content)
        column.addLayout(top)
        column.addLayout(choose)
        for section in (self.case_section, self.documents, self.letter, self.certificates):
            column.addWidget(section)
        column.addWidget(self.notice)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("exemptionScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self._show_cases(())
        self.content.setEnabled(False)

    def title(self) -> str:
        return self.tr("Exemption")

    # --- what the sections and the editor use --------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self.context.runner

    @property
    def detail(self) -> ExemptionDetail | None:
        return self._detail

    @property
    def today(self) -> date:
        return self._detail.today if self._detail else date.today()

    @property
    def case(self) -> ExemptionCaseInfo | None:
        """The request shown (the newest, unless another is chosen)."""
        if self._detail is None:
            return None
        return self._detail.case(self.chooser.currentData() or 0)

    @property
    def certificate(self) -> PartialCertificateInfo | None:
        return self.certificates.selected()

    def language_text(self) -> str:
        language = self._detail.language if self._detail else Language.DUTCH
        return self.tr("Dutch") if language == Language.DUTCH else self.tr("English")

    def saved(self) -> None:
        """A change was stored: this tab, the register row and the timeline show it."""
        if self._detail is not None:
            self.candidate_changed.emit(self._detail.candidate_id)

    def failed(self, title: str, error: Exception) -> None:
        show_error(self, title, error)
        if isinstance(error, StaleEditError):
            self.saved()  # show what the colleague saved

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self._notice_timer.start(NOTICE_MS)

    # --- loading -------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        if self._detail is not None and self._detail.candidate_id != candidate_id:
            self._detail = None
            self.content.setEnabled(False)
        exemption = self.services.exemption
        self.context.runner.run(lambda: exemption.detail(candidate_id), self._show, self._failed)

    def _show(self, detail: ExemptionDetail) -> None:
        if detail.candidate_id != self._requested:
            return  # the user moved on while this was loading
        shown = 0  # the newest request, unless the user chose another of this candidate's
        if self._detail is not None and self._detail.candidate_id == detail.candidate_id:
            shown = self.chooser.currentData() or 0
        if self.select_next:
            shown, self.select_next = self.select_next, 0
        self._detail = detail
        summary = self._summary(detail)
        in_progress = any(not case.status.closed for case in detail.cases)
        if detail.filing_refusal and detail.granted is None and not in_progress:
            # say why 'File exemption request…' is greyed out (qualified already, …)
            summary += "<br>" + html.escape(detail.filing_refusal)
        self.summary.setText(summary)
        self.file_button.setEnabled(not detail.filing_refusal)
        self.file_button.setToolTip(detail.filing_refusal)
        self._show_cases(detail.cases, shown)
        self.certificates.show_detail(detail)
        self.content.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the exemption"), error)

    def _show_cases(self, cases: tuple[ExemptionCaseInfo, ...], shown: int = 0) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for case in cases:
            self.chooser.addItem(
                self.tr("Filed {date}: {status}").format(
                    date=format_date(case.data.filed_on),
                    status=case_status_text(case.status, case.decision),
                ),
                case.id,
            )
        index = self.chooser.findData(shown) if shown else 0
        self.chooser.setCurrentIndex(max(index, 0))
        self.chooser.blockSignals(False)
        several = len(cases) > 1
        self.chooser.setVisible(several)
        self.chooser_label.setVisible(several)
        self._show_chosen()

    def _show_chosen(self, *_args: object) -> None:
        case = self.case
        for section in (self.case_section, self.documents, self.letter):
            section.setVisible(case is not None)
            if case is not None:
                section.show_case(case)

    def _summary(self, detail: ExemptionDetail) -> str:
        granted = detail.granted
        if granted is not None:
            decided = granted.step(CaseStatus.DECIDED)
            text = self.tr(
                "<b>Exempted from the UTQ</b>: granted by the faculty on {date}. The UTQ "
                "obligation is fulfilled and no deadline applies; an exemption never leads to "
                "a UTQ certificate."
            ).format(date=format_date(decided.on if decided else None))
            color = status_color(granted.status, granted.decision).name()
            return f"<span style='color:{color}'>{text}</span>"
        latest = detail.cases[0] if detail.cases else None
        if latest is not None and not latest.status.closed:
            return self.tr(
                "<b>Exemption requested</b> on {date} and in progress: the UTQ obligation and "
                "its deadline stay until the faculty grants it."
            ).format(date=format_date(latest.data.filed_on))
        if detail.candidate_status is TrajectoryStatus.EXEMPTED:
            return self.tr(
                "Status <b>Exempted</b>, set by hand: no exemption request is recorded. An "
                "exemption never leads to a UTQ certificate."
            )
        if latest is not None:
            return self.tr("Latest exemption request: <b>{status}</b> ({date}).").format(
                status=case_status_text(latest.status, latest.decision),
                date=format_date(latest.steps[-1].on if latest.steps else None),
            )
        return self.tr(
            "No exemption requested. HR files a request when the candidate holds a teacher-"
            "training diploma with a reflection report, a VELON certificate or an equivalent "
            "foreign diploma."
        )
