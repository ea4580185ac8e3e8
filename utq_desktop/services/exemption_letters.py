"""The decision letter of an exemption case: what it says (from the case, its decision
step and the candidate, in the candidate's language) and writing it into the file store,
kept with the case (documents/exemption_letter.py draws it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.domain.exemption_models import ExemptionCase
from utq_desktop.domain.models import Candidate, InstitutionSettings
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.exemption_read import name_of, steps_of
from utq_desktop.services.files import FileService, Upload

if TYPE_CHECKING:  # reportlab loads only when a letter is written
    from utq_desktop.documents.exemption_letter import LetterData


def write_letter(
    session: Session, files: FileService, case: ExemptionCase, candidate: Candidate
) -> AttachedDocument:
    """Write the decision letter of ``case`` into the file store and keep it with the
    case (in the caller's transaction); returns it."""
    from utq_desktop.documents.exemption_letter import file_name, letter_pdf_bytes

    data = letter_data(session, case, candidate)
    content = letter_pdf_bytes(data)
    digest = files.store(session, Upload(file_name(data), content, "application/pdf"))
    session.flush()  # the stored file first: the case refers to it
    case.letter_sha256 = digest
    case.letter_name = file_name(data)
    return AttachedDocument(case.letter_sha256, case.letter_name, len(content))


def letter_data(session: Session, case: ExemptionCase, candidate: Candidate) -> LetterData:
    """What the letter says: from the case, its decision step and the candidate."""
    from utq_desktop.documents.exemption_letter import LetterData

    decided = next(
        (s for s in reversed(steps_of(session, case.id)) if s.status is CaseStatus.DECIDED),
        None,
    )
    assert decided is not None and case.decision is not None
    return LetterData(
        language=candidate.language,
        institution=session.scalar(select(InstitutionSettings.name)) or "",
        candidate_name=name_of(candidate),
        faculty=candidate.faculty,
        reference=f"VR-{case.filed_on.year}-{case.id:04d}",
        letter_date=decided.happened_on,
        filed_on=case.filed_on,
        ground=ExemptionGround(case.ground),
        ground_detail=case.ground_detail,
        decision=Verdict(case.decision),
        motivation=case.decision_motivation,
        signed_by=case.decided_by,
        advisor=case.advisor,
    )
