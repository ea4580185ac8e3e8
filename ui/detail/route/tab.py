"""Learning route tab: what the candidate plans per competence, how far it got, a picture
of it from intake to deadline; edits are undoable; the route prints as a PDF."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.route import (
    ActivityStatus,
    allowed_activity_next,
)
from utq_desktop.services.route_dto import (
    Activity,
    RouteCompetence,
    RouteDetail,
)

from ui.detail.base import DetailTab, TabContext
from ui.detail.route.editing import RouteEditor
from ui.detail.route.models import ActivityTableModel, ProgressModel
from ui.detail.route.texts import status_action_text
from ui.detail.route.timeline import RouteTimeline
from ui.dialogs.apply_template_dialog import ApplyTemplateDialog
from ui.formatting import format_date
from ui.messages import show_error

NOTICE_MS = 8000


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


class RouteTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("routeTab")
        self.route: RouteDetail | None = None
        self._requested = 0
        self.select_next = 0  # an activity just added: select it once it is shown
        self.editor = RouteEditor(self)

        self.summary = QLabel(self)
        self.summary.setObjectName("routeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.agreement = QLabel(self)
        self.agreement.setObjectName("routeAgreement")
        self.agreement.setWordWrap(True)
        self.agreement.setTextFormat(Qt.TextFormat.PlainText)
        self.agree_button = QPushButton(self.tr("Record a&greement…"), self)
        self.agree_button.setObjectName("routeAgreeButton")
        self.agree_button.clicked.connect(lambda: self.editor.edit_agreement())

        self.add_action = self._action(
            "routeAddActivity", self.tr("&Add activity…"), lambda: self.editor.add()
        )
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.edit_action = self._action(
            "routeEditActivity", self.tr("&Edit…"), lambda: self.editor.edit()
        )
        self.remove_action = self._action(
            "routeRemoveActivity", self.tr("&Remove…"), lambda: self.editor.remove()
        )
        self.pdf_action = self._action("routeExportPdf", self.tr("Export &PDF…"), self.export_pdf)
        self.recognise_action = self._action(
            "routeRecognise",
            self.tr("Re&cognise competence…"),
            lambda: self.editor.toggle_recognition(),
        )
        self.status_menu = QMenu(self)
        self.status_menu.setObjectName("routeStatusMenu")
        self.status_actions: dict[ActivityStatus, QAction] = {}
        for status in (
            ActivityStatus.REGISTERED,
            ActivityStatus.COMPLETED,
            ActivityStatus.CANCELLED,
            ActivityStatus.PLANNED,
        ):
            action = self.status_menu.addAction(status_action_text(status))
            action.setObjectName(f"routeStatus_{status.value}")
            action.triggered.connect(lambda _c=False, s=status: self.editor.change_status(s))
            self.status_actions[status] = action
        self.status_button = QToolButton(self)
        self.status_button.setObjectName("routeStatusButton")
        self.status_button.setText(self.tr("&Status"))
        self.status_button.setMenu(self.status_menu)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_action = self._action(
            "routeApplyTemplate", self.tr("Apply route &template…"), self.apply_template
        )
        self.more_menu = QMenu(self)
        self.more_menu.setObjectName("routeMoreMenu")
        self.more_menu.addActions([self.template_action, self.recognise_action])
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("routeMoreButton")
        self.more_button.setText(self.tr("&More"))
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action):
            buttons.addWidget(self._button(action))
        buttons.addWidget(self.status_button)
        buttons.addWidget(self._button(self.remove_action))
        buttons.addStretch(1)
        buttons.addWidget(self.more_button)

        self.progress_model = ProgressModel(self)
        self.progress = _table(self, "routeProgress", self.tr("Progress per competence"))
        self.progress.setModel(self.progress_model)
        self.progress.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.progress.addAction(self.recognise_action)
        header = self.progress.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.timeline = RouteTimeline(self)
        self.timeline.activity_clicked.connect(self.select_activity)
        self.model = ActivityTableModel(self)
        self.table = _table(self, "routeActivities", self.tr("Planned activities"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.editor.edit())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.edit_action, self.remove_action])
        for table in (self.progress, self.table):
            rows = table.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.progress.selectionModel().currentRowChanged.connect(self._update_actions)
        self.notice = QLabel(self)
        self.notice.setObjectName("routeNotice")
        self.notice.setWordWrap(True)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.clear)

        first = QHBoxLayout()
        first.addWidget(self.summary, 1)
        first.addWidget(self._button(self.pdf_action), 0, Qt.AlignmentFlag.AlignTop)
        second = QHBoxLayout()
        second.addWidget(self.agreement, 1)
        second.addWidget(self.agree_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.progress)
        layout.addWidget(self.timeline)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Learning route")

    # --- loading -----------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        services = self.services
        self.context.runner.run(
            lambda: services.route.detail(candidate_id), self._show, self._failed
        )

    def _show(self, route: RouteDetail) -> None:
        if route.candidate_id != self._requested:
            return  # the user moved on while this was loading
        selected = self.selected_activity()
        competence = self.selected_competence()
        self.route = route
        self.model.set_route(route)
        self.progress_model.set_route(route)
        self.timeline.set_route(route)
        rows = self.progress_model.rowCount()
        height = self.progress.horizontalHeader().sizeHint().height()
        height += self.progress.verticalHeader().defaultSectionSize() * rows
        self.progress.setFixedHeight(height + 2 * self.progress.frameWidth())
        self.progress.setVisible(rows > 0)
        self.summary.setText(self._summary(route))
        self.agreement.setText(self._agreement_text(route))
        if self.select_next and self.model.row_of(self.select_next) is not None:
            self.select_activity(self.select_next)
            self.select_next = 0
        elif selected is not None:
            self.select_activity(selected.id)
        if competence is not None:
            row = next((i for i, c in enumerate(route.competences) if c.id == competence.id), -1)
            if row >= 0:
                self.progress.selectRow(row)
        self._update_actions()

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the learning route"), error)

    def _summary(self, route: RouteDetail) -> str:
        parts = [
            self.tr("Framework: {name}").format(
                name=html.escape(route.framework) or self.tr("none")
            ),
            self.tr("Intake: {date}").format(
                date=format_date(route.intake_on) or self.tr("not held yet")
            ),
            self.tr("UTQ deadline: {date}").format(
                date=format_date(route.deadline) or self.tr("not known")
            ),
        ]
        late = sum(a.late for a in route.activities)
        overdue = sum(a.overdue for a in route.activities)
        if late:
            parts.append(
                "<b style='color:#c62828'>" + self.tr("After the deadline: %n", "", late) + "</b>"
            )
        if overdue:
            parts.append(
                "<span style='color:#b26a00'>" + self.tr("Overdue: %n", "", overdue) + "</span>"
            )
        if not route.activities:
            parts.append(self.tr("No activities yet: add one, or apply a route template."))
        return " · ".join(parts)

    def _agreement_text(self, route: RouteDetail) -> str:
        agreement = route.agreement
        if not agreement.agreed:
            return self.tr("Not yet agreed with the UTQ supervisor.")
        text = self.tr("Agreed with {who} on {date}.").format(
            who=agreement.agreed_by, date=format_date(agreement.agreed_on)
        )
        if route.changes_since_agreement:
            text += " " + self.tr(
                "Changes since then: %n (see the Overview's timeline).",
                "",
                route.changes_since_agreement,
            )
        return text

    # --- selection ---------------------------------------------------------------------------

    def selected_activity(self) -> Activity | None:
        index = self.table.currentIndex()
        return self.model.activity_at(index.row()) if index.isValid() else None

    def selected_competence(self) -> RouteCompetence | None:
        index = self.progress.currentIndex()
        return self.progress_model.competence_at(index.row()) if index.isValid() else None

    def select_activity(self, activity_id: int) -> None:
        row = self.model.row_of(activity_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _update_actions(self, *_args: object) -> None:
        route = self.route
        activity = self.selected_activity()
        self.add_action.setEnabled(route is not None)
        self.edit_action.setEnabled(activity is not None)
        self.remove_action.setEnabled(activity is not None)
        self.status_button.setEnabled(activity is not None)
        allowed = allowed_activity_next(activity.status) if activity else []
        for status, action in self.status_actions.items():
            action.setEnabled(status in allowed[1:])
        self.agree_button.setEnabled(route is not None)
        self.template_action.setEnabled(route is not None)
        self.pdf_action.setEnabled(route is not None)
        competence = self.selected_competence()
        self.recognise_action.setEnabled(competence is not None)
        self.recognise_action.setText(
            self.tr("Withdraw re&cognition")
            if competence is not None and competence.recognition is not None
            else self.tr("Re&cognise competence…")
        )
        self.timeline.select(activity.id if activity else 0)

    # --- template and PDF ------------------------------------------------------------------

    def apply_template(self) -> None:
        route = self.route
        if route is None:
            return
        dialog = ApplyTemplateDialog(
            self.services, [route.candidate_id], self, [route.candidate_name]
        )
        if dialog.exec() == ApplyTemplateDialog.DialogCode.Accepted and dialog.result_:
            self.candidate_changed.emit(route.candidate_id)
            self.show_notice(dialog.summary())

    def export_pdf(self) -> None:
        route = self.route
        if route is None:
            return
        suggested = self.tr("Learning route {name}.pdf").format(name=route.candidate_name)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the learning route"), suggested, self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        services, candidate_id, target = self.services, route.candidate_id, Path(path)
        self.pdf_action.setEnabled(False)

        def done(_result: object) -> None:
            self.pdf_action.setEnabled(True)
            self.show_notice(self.tr("Saved the learning route to {path}.").format(path=path))

        def failed(error: Exception) -> None:
            self.pdf_action.setEnabled(True)
            show_error(self, self.tr("Could not export the learning route"), error)

        self.context.runner.run(
            lambda: services.route.export_pdf(candidate_id, target), done, failed
        )

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self._notice_timer.start(NOTICE_MS)
