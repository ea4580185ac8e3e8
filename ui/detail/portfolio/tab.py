"""Portfolio tab: the candidate's dossier. On top its state and the actions that move it
(Mark ready, Submit for assessment…, exports); below, pages for the evidence, the class
observations, the coverage matrix, all feedback and the submissions.

The whole dossier is read in one service call (metadata only: files are read when opened)
and shown through table models, so a dossier of hundreds of items opens at once. Every
change goes through the portfolio service and, except a submission, is undoable.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.portfolio import DossierState
from utq_desktop.services.portfolio_dto import DossierView

from ui.detail.base import DetailTab, TabContext
from ui.detail.portfolio.attachment_editing import AttachmentEditor
from ui.detail.portfolio.coverage_page import CoveragePage
from ui.detail.portfolio.editing import ItemEditor
from ui.detail.portfolio.evidence_page import EvidencePage
from ui.detail.portfolio.exports import DossierExporter
from ui.detail.portfolio.feedback_panel import FeedbackPanel
from ui.detail.portfolio.file_drop import FileDrop
from ui.detail.portfolio.observations_page import ObservationsPage
from ui.detail.portfolio.panels import make_action
from ui.detail.portfolio.review import ReviewEditor
from ui.detail.portfolio.submission_page import SubmissionPage
from ui.detail.portfolio.texts import MET_COLOR, UNMET_COLOR, dossier_headline
from ui.formatting import format_date, format_timestamp
from ui.messages import show_error

NOTICE_MS = 8000
EVIDENCE, OBSERVATIONS, COVERAGE, FEEDBACK, SUBMISSION = range(5)


class PortfolioTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("portfolioTab")
        self.dossier: DossierView | None = None
        self._requested = 0
        self.select_next: tuple[str, int] | None = None  # a record just added: select it
        self.exporting = False
        self.items = ItemEditor(self)
        self.attachments = AttachmentEditor(self, self.items)
        self.review = ReviewEditor(self, self.items)
        self.exporter = DossierExporter(self)

        self.state = QLabel(self)
        self.state.setObjectName("portfolioState")
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("portfolioSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.ready_button = QPushButton(self.tr("Mar&k ready"), self)
        self.ready_button.setObjectName("portfolioReadyButton")
        self.ready_button.setToolTip(
            self.tr("The UTQ supervisor marks the dossier ready for the coordinator to submit.")
        )
        self.ready_button.clicked.connect(self._toggle_ready)
        self.submit_button = QPushButton(self.tr("S&ubmit for assessment…"), self)
        self.submit_button.setObjectName("portfolioSubmitButton")
        self.submit_button.clicked.connect(lambda: self.review.submit())
        self.pdf_action = make_action(
            self, "portfolioExportPdf", self.tr("Export &PDF…"), lambda: self.exporter.export_pdf()
        )
        self.zip_action = make_action(
            self,
            "portfolioExportZip",
            self.tr("Export &attachments (zip)…"),
            lambda: self.exporter.export_zip(),
        )
        self.export_menu = QMenu(self)
        self.export_menu.setObjectName("portfolioExportMenu")
        self.export_menu.addActions([self.pdf_action, self.zip_action])
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("portfolioExportButton")
        self.export_button.setText(self.tr("E&xport"))
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolTip(self.tr("The working dossier as it is now"))

        self.evidence = EvidencePage(self)
        self.observations = ObservationsPage(self)
        self.coverage = CoveragePage(self)
        self.feedback = FeedbackPanel(self, "dossierFeedback", everything=True, embedded=True)
        self.submission = SubmissionPage(self)
        self.sections = QTabWidget(self)
        self.sections.setObjectName("portfolioSections")
        self.sections.setDocumentMode(True)
        for page in (
            self.evidence,
            self.observations,
            self.coverage,
            self.feedback,
            self.submission,
        ):
            self.sections.addTab(page, "")
        self._name_sections(widest=True)
        # room for every section's name (a tab bar that scrolls hides pages)
        self.setMinimumWidth(self.sections.tabBar().sizeHint().width() + 24)
        self._name_sections()
        self.notice = QLabel(self)
        self.notice.setObjectName("portfolioNotice")
        self.notice.setWordWrap(True)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.show_notice(""))
        self.notice.hide()
        self.drop = FileDrop(self, self._dropped, lambda: self.dossier is not None)

        buttons = QHBoxLayout()
        buttons.addWidget(self.ready_button)
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.notice)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Portfolio")

    # --- loading -----------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        if self.dossier is not None and self.dossier.candidate_id != candidate_id:
            self.show_dossier(None)
        portfolio = self.services.portfolio
        self.context.runner.run(
            lambda: portfolio.dossier(candidate_id), self._loaded, self._load_failed
        )

    def _loaded(self, dossier: DossierView) -> None:
        if dossier.candidate_id == self._requested:  # else the user moved on meanwhile
            self.show_dossier(dossier)

    def _load_failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the portfolio"), error)

    @property
    def editable(self) -> bool:
        """A dossier is shown and open to changes (not a qualified or exempted candidate's,
        which the core keeps closed)."""
        return self.dossier is not None and not self.dossier.closed

    def show_dossier(self, dossier: DossierView | None) -> None:
        """Fill every page from one dossier view (also used by the benchmark)."""
        self.dossier = dossier
        chosen = self.select_next
        self.select_next = None
        self.evidence.show_dossier(dossier, chosen[1] if chosen and chosen[0] == "item" else 0)
        self.observations.show_dossier(
            dossier, chosen[1] if chosen and chosen[0] == "observation" else 0
        )
        self.coverage.show_dossier(dossier)
        self.feedback.show_feedback(
            dossier.feedback if dossier else (), (None, None), self.tr("All feedback")
        )
        self.submission.show_dossier(dossier)
        self.state.setText(self._state_text(dossier))
        self.summary.setText(self._summary(dossier))
        self._name_sections()
        self._update_actions()

    def changed(self) -> None:
        """After a change: the register row, this tab and the timeline show it."""
        if self.dossier is not None:
            self.candidate_changed.emit(self.dossier.candidate_id)

    # --- texts -------------------------------------------------------------------------------

    def _name_sections(self, widest: bool = False) -> None:
        dossier = self.dossier
        items = len(dossier.items) if dossier else 0
        observations = len(dossier.observations) if dossier else 0
        open_feedback = dossier.content.open_feedback if dossier else 0
        if widest:
            items = observations = open_feedback = 999
        texts = {
            EVIDENCE: self.tr("Evide&nce ({n})").format(n=items),
            OBSERVATIONS: self.tr("&Observations ({n})").format(n=observations),
            COVERAGE: self.tr("Covera&ge"),
            FEEDBACK: self.tr("Feed&back ({n} open)").format(n=open_feedback)
            if open_feedback
            else self.tr("Feed&back"),
            SUBMISSION: self.tr("&Submission"),
        }
        for index, text in texts.items():
            self.sections.setTabText(index, text)

    def _state_text(self, dossier: DossierView | None) -> str:
        if dossier is None:
            return ""
        headline, color = dossier_headline(dossier.state, dossier.candidate_status)
        text = html.escape(self.tr("Dossier:")) + (
            f" <b style='color:{color.name()}'>{html.escape(headline)}</b>"
        )
        if dossier.state is DossierState.READY and dossier.marked_ready_on:
            text += " · " + html.escape(
                self.tr("marked ready by {who} on {date}").format(
                    who=dossier.marked_ready_by or "?", date=format_date(dossier.marked_ready_on)
                )
            )
        snapshot = dossier.current_snapshot
        if snapshot is not None:
            text += " · " + html.escape(
                self.tr("snapshot {number}, submitted {when} by {who}").format(
                    number=snapshot.number,
                    when=format_timestamp(snapshot.submitted_at),
                    who=snapshot.submitted_by,
                )
            )
        elif dossier.snapshots:
            last = dossier.snapshots[-1]
            if last.returned:
                text += " · " + html.escape(
                    self.tr("snapshot {number} was returned for revision").format(
                        number=last.number
                    )
                )
        return text

    def _summary(self, dossier: DossierView | None) -> str:
        if dossier is None:
            return ""
        parts = [
            html.escape(
                self.tr("Framework: {name}").format(name=dossier.framework or self.tr("none"))
            ),
            html.escape(self.tr("Files: {n}").format(n=dossier.content.attachments)),
        ]
        if dossier.checklist:
            met = sum(c.met for c in dossier.checklist)
            color = (MET_COLOR if met == len(dossier.checklist) else UNMET_COLOR).name()
            parts.append(
                f"<span style='color:{color}'>"
                + html.escape(
                    self.tr("Required components: {met} of {n} met").format(
                        met=met, n=len(dossier.checklist)
                    )
                )
                + "</span>"
            )
        return " · ".join(parts)

    # --- actions -----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        dossier = self.dossier
        loaded = dossier is not None
        ready = loaded and dossier.state is DossierState.READY  # type: ignore[union-attr]
        self.ready_button.setText(self.tr("Unmar&k ready") if ready else self.tr("Mar&k ready"))
        self.ready_button.setEnabled(
            loaded and (dossier.can_mark_ready or dossier.can_unmark_ready)  # type: ignore[union-attr]
        )
        self.submit_button.setEnabled(loaded and dossier.can_submit)  # type: ignore[union-attr]
        if loaded and not dossier.can_submit:  # type: ignore[union-attr]
            self.submit_button.setToolTip(
                dossier_headline(dossier.state, dossier.candidate_status)[0]  # type: ignore[union-attr]
                if dossier.closed  # type: ignore[union-attr]
                else self.tr("Submitted: the assessment works on the snapshot.")
                if dossier.state is DossierState.SUBMITTED  # type: ignore[union-attr]
                else self.tr("The supervisor marks the dossier ready first.")
            )
        else:
            self.submit_button.setToolTip(
                self.tr("Takes an unchangeable snapshot for the assessment.")
            )
        for action in (self.pdf_action, self.zip_action):
            action.setEnabled(loaded and not self.exporting)
        self.export_button.setEnabled(loaded and not self.exporting)
        self.submission.update_actions()

    def _toggle_ready(self) -> None:
        dossier = self.dossier
        if dossier is not None:
            self.review.set_ready(dossier.state is not DossierState.READY)

    def set_exporting(self, busy: bool) -> None:
        self.exporting = busy
        self._update_actions()

    def show_item(self, item_id: int) -> None:
        """Open the Evidence page on one item (clearing filters that hide it)."""
        self.sections.setCurrentIndex(EVIDENCE)
        if not self.evidence.select_item(item_id):
            self.evidence.search.clear()
            self.evidence.competence.setCurrentIndex(0)
            self.evidence.select_item(item_id)
        self.evidence.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _dropped(self, paths: list[Path], _pos: QPoint) -> None:
        """Files dropped on the tab outside a list: a new evidence item with them."""
        self.items.add_item(paths)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        if text:
            self._notice_timer.start(NOTICE_MS)
