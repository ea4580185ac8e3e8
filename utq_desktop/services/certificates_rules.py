"""The issuing rules, in one place for the window, the CLI and the ceremony batch.

A UTQ certificate is issued only to a candidate with a standing sufficient assessment result
(services.assessment_rules), never to one who was exempted (services.exemption_rules: a
granted exemption case or the status 'Exempted'), and at most once: a candidate holds one valid UTQ
certificate at most. A certificate of participation is issued only for a completed route
activity, once per activity.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.names import full_name
from utq_desktop.domain.route import ActivityStatus, dmy
from utq_desktop.domain.route_models import LearningRoute, RouteActivity
from utq_desktop.errors import ValidationError
from utq_desktop.services.assessment_rules import sufficient_result_date
from utq_desktop.services.certificates_dto import ParticipationOption, UtqEligibility
from utq_desktop.services.exemption_rules import has_granted_exemption


def holder_name(candidate: Candidate) -> str:
    """The full name exactly as registered: given name, prefix, surname."""
    return full_name(candidate.first_name, candidate.prefix, candidate.surname, candidate.initials)


def utq_eligibility(session: Session, candidate: Candidate) -> UtqEligibility:
    """May ``candidate`` receive a UTQ certificate now? If not, the reason, in a sentence."""
    name = holder_name(candidate)
    if has_granted_exemption(session, candidate.id):
        return UtqEligibility(
            False,
            f"{name} was granted an exemption: that fulfils the UTQ obligation, but never "
            "gives a UTQ certificate.",
        )
    awarded = sufficient_result_date(session, candidate.id)
    if awarded is None:
        return UtqEligibility(
            False,
            f"{name} has no sufficient assessment result (after any appeal); a UTQ "
            "certificate is issued only for a sufficient result.",
        )
    held = session.scalar(
        select(IssuedCertificate.serial).where(IssuedCertificate.utq_holder_id == candidate.id)
    )
    if held is not None:
        return UtqEligibility(
            False,
            f"{name} already holds a valid UTQ certificate ({held}); reissue that one if "
            "a new copy is needed.",
            awarded,
        )
    return UtqEligibility(True, "", awarded)


def check_utq(session: Session, candidate: Candidate) -> UtqEligibility:
    """The eligibility, or ValidationError with its reason."""
    eligibility = utq_eligibility(session, candidate)
    if not eligibility.eligible:
        raise ValidationError(eligibility.reason)
    return eligibility


def check_participation(session: Session, activity: RouteActivity) -> None:
    """Refuse an activity that is not completed or already has a valid certificate."""
    if activity.status != ActivityStatus.COMPLETED or activity.completed_on is None:
        raise ValidationError(
            f"'{activity.title}' is {ActivityStatus(activity.status).label.lower()}, not "
            "completed; a certificate of participation is for a completed activity only."
        )
    held = session.scalar(
        select(IssuedCertificate.serial).where(
            IssuedCertificate.activity_id == activity.id,
            IssuedCertificate.status == CertificateStatus.VALID,
        )
    )
    if held is not None:
        raise ValidationError(
            f"'{activity.title}' already has a valid certificate of participation ({held}); "
            "reissue that one if a new copy is needed."
        )


def participation_options(session: Session, candidate_id: int) -> list[ParticipationOption]:
    """The candidate's completed activities without a valid certificate of participation."""
    certified = (
        select(IssuedCertificate.activity_id)
        .where(
            IssuedCertificate.kind == CertificateKind.PARTICIPATION,
            IssuedCertificate.status == CertificateStatus.VALID,
            IssuedCertificate.activity_id.is_not(None),
        )
        .scalar_subquery()
    )
    query = (
        select(RouteActivity.id, RouteActivity.title, RouteActivity.completed_on)
        .join(LearningRoute, LearningRoute.id == RouteActivity.route_id)
        .where(
            LearningRoute.candidate_id == candidate_id,
            RouteActivity.status == ActivityStatus.COMPLETED,
            RouteActivity.completed_on.is_not(None),
            RouteActivity.id.not_in(certified),
        )
        .order_by(RouteActivity.completed_on, RouteActivity.id)
    )
    return [ParticipationOption(aid, title, on) for aid, title, on in session.execute(query)]


def describe_activity(activity: RouteActivity) -> str:
    """'Teaching in practice (completed 12-3-2026)' for the audit trail."""
    return f"{activity.title} (completed {dmy(activity.completed_on)})"
