"""Route templates: a coordinator's standard routes (e.g. Leiden's five modules, a class
observation and two writing sessions), defined here and applied from Edit → Apply route
template… to the candidates selected in the register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.route_dto import (
    RouteTemplateInfo,
    TemplateInput,
    TemplateItem,
    TemplateItemInput,
)

from ui.detail.route.dialogs import ActivityDialog, FormDialog
from ui.detail.route.texts import hours_text, kind_text
from ui.formatting import ALIGN_RIGHT
from ui.messages import confirm, show_error
from ui.qt_types import ModelIndex

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services

ITEM_HEADERS = ("Month", "Kind", "Title", "Hours", "Competences", "Provider")


class TemplateListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._templates: list[RouteTemplateInfo] = []

    def set_templates(self, templates: list[RouteTemplateInfo]) -> None:
        self.beginResetModel()
        self._templates = list(templates)
        self.endResetModel()

    def template_at(self, row: int) -> RouteTemplateInfo | None:
        return self._templates[row] if 0 <= row < len(self._templates) else None

    def row_of(self, template_id: int) -> int | None:
        return next((i for i, t in enumerate(self._templates) if t.id == template_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._templates)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        template = self.template_at(index.row()) if index.isValid() else None
        if template is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return template.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return template.framework_name or template.framework_code
        return None


class TemplateItemModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[TemplateItem] = []

    def set_items(self, items: tuple[TemplateItem, ...]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> TemplateItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ITEM_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ITEM_HEADERS)
        ):
            return QCoreApplication.translate("RouteTemplates", ITEM_HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None or not 0 <= index.column() < len(ITEM_HEADERS):
            return None
        data = item.data
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"+{data.offset_months}",
                kind_text(data.kind),
                data.title,
                hours_text(data.hours),
                ", ".join(data.competence_codes),
                data.provider,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return QCoreApplication.translate("RouteTemplates", "Months after the intake")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3):
            return ALIGN_RIGHT
        return None


class TemplateDialog(FormDialog):
    """A new template's name, framework and description (or a changed name/description)."""

    def __init__(
        self,
        parent: QWidget | None,
        frameworks: list[tuple[str, str]],
        current: RouteTemplateInfo | None,
        save: Any,
    ) -> None:
        super().__init__(parent, "templateDialog", "")
        self.setWindowTitle(self.tr("Edit template") if current else self.tr("New template"))
        self._save_input = save
        self.name = QLineEdit(current.name if current else "", self)
        self.name.setObjectName("templateName")
        self.name.setAccessibleName(self.tr("Name"))
        self.framework = QComboBox(self)
        self.framework.setObjectName("templateFramework")
        self.framework.setAccessibleName(self.tr("Competence framework"))
        for code, name in frameworks:
            self.framework.addItem(name, code)
        if current is not None:
            self.framework.setCurrentIndex(max(0, self.framework.findData(current.framework_code)))
            self.framework.setEnabled(False)
        self.description = QPlainTextEdit(current.description if current else "", self)
        self.description.setObjectName("templateDescription")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Framework:"), self.framework)
        self.form.addRow(self.tr("&Description:"), self.description)
        self._fields = {"name": self.name, "framework_code": self.framework}
        self.setMinimumWidth(480)

    def _value(self) -> TemplateInput:
        return TemplateInput(
            self.name.text(), self.framework.currentData() or "", self.description.toPlainText()
        )

    def _store(self, value: TemplateInput) -> None:
        self._save_input(value)


class RouteTemplatesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeTemplatesDialog")
        self.setWindowTitle(self.tr("Route templates"))
        self.services = services
        self.list_model = TemplateListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("templateList")
        self.list.setAccessibleName(self.tr("Route templates"))
        self.list.setModel(self.list_model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.item_model = TemplateItemModel(self)
        self.items = QTableView(self)
        self.items.setObjectName("templateItemTable")
        self.items.setAccessibleName(self.tr("The template's activities"))
        self.items.setModel(self.item_model)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.verticalHeader().setVisible(False)
        self.items.setWordWrap(False)
        rows = self.items.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.items.fontMetrics().height() + 8)
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.items.doubleClicked.connect(lambda _index: self.edit_item())
        self.about = QLabel(self)
        self.about.setObjectName("templateAbout")
        self.about.setWordWrap(True)

        buttons = {}
        for name, text, slot in (
            ("templateNew", self.tr("&New…"), self.new_template),
            ("templateEdit", self.tr("Re&name…"), self.edit_template),
            ("templateRemove", self.tr("Remo&ve"), self.remove_template),
            ("templateAddItem", self.tr("&Add activity…"), self.add_item),
            ("templateEditItem", self.tr("&Edit activity…"), self.edit_item),
            ("templateRemoveItem", self.tr("&Remove activity"), self.remove_item),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons[name] = button
        self.buttons = buttons
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for name in ("templateNew", "templateEdit", "templateRemove"):
            row.addWidget(buttons[name])
        left.addLayout(row)
        right = QVBoxLayout()
        right.addWidget(self.about)
        right.addWidget(self.items, 1)
        row = QHBoxLayout()
        for name in ("templateAddItem", "templateEditItem", "templateRemoveItem"):
            row.addWidget(buttons[name])
        row.addStretch(1)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.list.selectionModel().currentRowChanged.connect(self._show_current)
        self.items.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.reload()
        self.resize(980, 480)

    # --- data ----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        current = self.current()
        wanted = select if select is not None else current.id if current else None
        self.list_model.set_templates(self.services.route_templates.list())
        row = self.list_model.row_of(wanted) if wanted is not None else None
        if self.list_model.rowCount():
            self.list.setCurrentIndex(self.list_model.index(row or 0, 0))
        self._show_current()

    def current(self) -> RouteTemplateInfo | None:
        index = self.list.currentIndex()
        return self.list_model.template_at(index.row()) if index.isValid() else None

    def current_item(self) -> TemplateItem | None:
        index = self.items.currentIndex()
        return self.item_model.item_at(index.row()) if index.isValid() else None

    def _show_current(self, *_args: object) -> None:
        template = self.current()
        self.item_model.set_items(template.items if template else ())
        if template is None:
            self.about.setText(self.tr("No templates yet: make one with New…"))
        else:
            framework = template.framework_name or template.framework_code
            text = self.tr("For {framework}.").format(framework=framework)
            if template.description:
                text += " " + template.description
            self.about.setText(text)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        has_template, has_item = self.current() is not None, self.current_item() is not None
        for name in ("templateEdit", "templateRemove", "templateAddItem"):
            self.buttons[name].setEnabled(has_template)
        for name in ("templateEditItem", "templateRemoveItem"):
            self.buttons[name].setEnabled(has_item)

    # --- templates -----------------------------------------------------------------------

    def _frameworks(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for framework in self.services.frameworks.list():
            seen[framework.code] = framework.name
        return list(seen.items())

    def new_template(self) -> None:
        created: list[int] = []

        def save(value: TemplateInput) -> None:
            created.append(self.services.route_templates.create(value))

        dialog = TemplateDialog(self, self._frameworks(), None, save)
        if dialog.exec() == QDialog.DialogCode.Accepted and created:
            self.reload(select=created[-1])

    def edit_template(self) -> None:
        template = self.current()
        if template is None:
            return

        def save(value: TemplateInput) -> None:
            self.services.route_templates.update(template.id, value, template.row_version)

        dialog = TemplateDialog(self, self._frameworks(), template, save)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(select=template.id)

    def remove_template(self) -> None:
        template = self.current()
        if template is None:
            return
        question = self.tr(
            "Remove the template '{name}'? Routes keep the activities it added."
        ).format(name=template.name)
        if not confirm(self, self.tr("Remove template"), question, self.tr("Remove")):
            return
        self._call(lambda: self.services.route_templates.retire(template.id, template.row_version))

    # --- items ---------------------------------------------------------------------------

    def add_item(self) -> None:
        self._item_dialog(None)

    def edit_item(self) -> None:
        item = self.current_item()
        if item is not None:
            self._item_dialog(item)

    def _item_dialog(self, item: TemplateItem | None) -> None:
        template = self.current()
        if template is None:
            return
        service = self.services.route_templates
        choices = service.competence_choices(template.framework_code)

        def save(value: TemplateItemInput) -> None:
            if item is None:
                service.add_item(template.id, value, template.row_version)
            else:
                service.update_item(item.id, value, template.row_version)

        title = self.tr("Activity of {name}").format(name=template.name)
        dialog = ActivityDialog(
            self, title, choices, item.data if item else None, save, template=True
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(select=template.id)

    def remove_item(self) -> None:
        template, item = self.current(), self.current_item()
        if template is None or item is None:
            return
        question = self.tr(
            "Remove '{title}' from the template? Routes keep the activity where it was added."
        ).format(title=item.data.title)
        if not confirm(self, self.tr("Remove activity"), question, self.tr("Remove")):
            return
        self._call(lambda: self.services.route_templates.remove_item(item.id, template.row_version))

    def _call(self, change: Any) -> None:
        try:
            change()
        except UtqError as error:
            show_error(self, self.tr("Could not change the template"), error)
        self.reload()
