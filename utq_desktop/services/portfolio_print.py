"""What the dossier PDF and the attachments zip are made from: the working dossier or one
submission, with a title and a line that says which it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from utq_desktop.domain.portfolio import DossierState, RequirementCheck
from utq_desktop.domain.route import dmy
from utq_desktop.services.portfolio_dto import DossierContent, DossierView, SnapshotContent


@dataclass(frozen=True, slots=True)
class Printable:
    title: str  # "Dossier" or "Submission 2"
    candidate_name: str
    staff_number: str
    faculty: str
    framework: str
    supervisor: str
    institution: str
    status_line: str  # which version this is and where it stands
    printed_on: date
    content: DossierContent
    checklist: tuple[RequirementCheck, ...]
    override_reason: str = ""

    @classmethod
    def of_dossier(cls, view: DossierView) -> Printable:
        today = view.today or date.today()
        if view.state is DossierState.READY:
            status = (
                f"Working dossier, marked ready for submission by {view.marked_ready_by} "
                f"on {dmy(view.marked_ready_on)}"
            )
        elif view.state is DossierState.SUBMITTED and view.current_snapshot:
            status = f"Working dossier; submission {view.current_snapshot.number} is being assessed"
        else:
            status = "Working dossier, not yet marked ready"
        return cls(
            title="Dossier",
            candidate_name=view.candidate_name,
            staff_number=view.staff_number,
            faculty=view.faculty,
            framework=view.framework,
            supervisor=view.supervisor,
            institution=view.institution,
            status_line=status,
            printed_on=today,
            content=view.content,
            checklist=view.checklist,
        )

    @classmethod
    def of_snapshot(cls, snapshot: SnapshotContent, view: DossierView) -> Printable:
        info = snapshot.info
        status = f"Submission {info.number}, submitted on {dmy(info.submitted_at.date())}"
        status += f" by {info.submitted_by}"
        if info.returned_at is not None:
            status += f"; returned for revision on {dmy(info.returned_at.date())}"
        return cls(
            title=f"Submission {info.number}",
            candidate_name=snapshot.candidate_name,
            staff_number=snapshot.staff_number,
            faculty=snapshot.faculty,
            framework=snapshot.framework,
            supervisor=view.supervisor,
            institution=view.institution,
            status_line=status,
            printed_on=view.today or date.today(),
            content=snapshot.content,
            checklist=snapshot.checklist,
            override_reason=info.override_reason,
        )
