"""Checking what a user enters in the Portfolio tab before anything is stored: texts and
their lengths, dates that cannot be (in the future, before 1970), competence and criterion
codes of the dossier's framework version, and files (size, empty, unreadable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from utq_desktop.domain.portfolio import EvidenceKind, check_day
from utq_desktop.errors import ValidationError
from utq_desktop.services.files import FileService, Upload
from utq_desktop.services.portfolio_dto import EvidenceInput, FeedbackInput, ObservationInput
from utq_desktop.services.portfolio_framework import FrameworkMap

MAX_TEXT = 20_000  # a description, a reflection summary, notes, a comment


def text(value: str, what: str, field: str, limit: int, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError(f"Enter the {what}.", field)
    if len(cleaned) > limit:
        raise ValidationError(
            f"The {what} is {len(cleaned):,} characters; at most {limit:,} fit.", field
        )
    return cleaned


def clean_item(data: EvidenceInput, fmap: FrameworkMap, today: date) -> EvidenceInput:
    try:
        kind = EvidenceKind(data.kind)
    except ValueError:
        raise ValidationError(f"'{data.kind}' is not a kind of evidence.", "kind") from None
    check_day(data.made_on, today, "date of the evidence", "made_on", required=True)
    return replace(
        data,
        kind=kind,
        title=text(data.title, "title", "title", 200),
        description=text(data.description, "description", "description", MAX_TEXT, False),
        competence_codes=competence_codes(data.competence_codes, fmap),
        criterion_codes=criterion_codes(data.criterion_codes, fmap),
    )


def clean_observation(data: ObservationInput, fmap: FrameworkMap, today: date) -> ObservationInput:
    check_day(data.observed_on, today, "day of the observation", "observed_on", required=True)
    return replace(
        data,
        observer=text(data.observer, "observer's name", "observer", 200),
        course=text(data.course, "course that was observed", "course", 200),
        notes=text(data.notes, "notes", "notes", MAX_TEXT, False),
        criterion_codes=criterion_codes(data.criterion_codes, fmap),
    )


def clean_feedback(
    data: FeedbackInput, fmap: FrameworkMap, today: date, author: str
) -> FeedbackInput:
    given_on = data.given_on or today
    check_day(given_on, today, "day of the feedback", "given_on", required=True)
    if data.item_id is not None and data.competence_code:
        raise ValidationError(
            "Feedback is on an evidence item or on a competence, not both.", "competence_code"
        )
    code = data.competence_code or None
    if code is not None:
        code = competence_codes((code,), fmap)[0]
    return replace(
        data,
        text=text(data.text, "feedback", "text", MAX_TEXT),
        author=text(data.author or author, "author's name", "author", 200),
        given_on=given_on,
        competence_code=code,
    )


def competence_codes(codes: Sequence[str], fmap: FrameworkMap) -> tuple[str, ...]:
    wanted = {c.strip() for c in codes if c.strip()}
    if wanted and fmap.id is None:
        raise ValidationError(
            "The candidate has no competence framework; choose one on the candidate first.",
            "competence_codes",
        )
    unknown = sorted(wanted - set(fmap.competence_ids))
    if unknown:
        raise ValidationError(
            f"'{unknown[0]}' is not a competence of {fmap.label}.", "competence_codes"
        )
    return fmap.order(wanted)


def criterion_codes(codes: Sequence[str], fmap: FrameworkMap) -> tuple[str, ...]:
    wanted = {c.strip() for c in codes if c.strip()}
    if wanted and fmap.id is None:
        raise ValidationError(
            "The candidate has no competence framework; choose one on the candidate first.",
            "criterion_codes",
        )
    unknown = sorted(wanted - set(fmap.criteria))
    if unknown:
        raise ValidationError(
            f"'{unknown[0]}' is not a criterion of {fmap.label}.", "criterion_codes"
        )
    return fmap.order(wanted)


def read_files(files: FileService, paths: Sequence[Path]) -> list[Upload]:
    """Read the chosen files (outside any transaction): all or none, with a message that
    names the file that cannot be attached."""
    uploads: list[Upload] = []
    for path in paths:
        try:
            upload = files.read_upload(Path(path))
        except ValidationError as error:
            raise ValidationError(str(error), "files") from None
        if not upload.content:
            raise ValidationError(
                f"'{upload.name}' is empty (0 bytes); attach the file with its content.",
                "files",
            )
        if len(upload.name) > 255:
            raise ValidationError(
                f"The file name '{upload.name[:40]}…' is longer than 255 characters; rename "
                "the file first.",
                "files",
            )
        uploads.append(upload)
    return uploads
