"""The certificate register: issue a UTQ certificate or a certificate of participation
(by the rules in services.certificates_rules), reissue, revoke, verify a code, list, and
render a certificate's PDF again from the register.

Every change is one transaction with its audit rows under the candidate's id, so it shows
in the Overview's timeline. A certificate's PDF is rendered the first time it is needed
(opened, saved, printed in a batch) and then kept in the file store; its hash goes in the
register, and every later copy is those very bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain import certificate_codes as codes
from utq_desktop.domain.certificate_models import IssuedCertificate
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus, check_move
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.route_models import LearningRoute, RouteActivity
from utq_desktop.errors import NotFoundError, StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.certificates_ceremony import plan_ceremony, run_ceremony
from utq_desktop.services.certificates_dto import (
    CandidateCertificates,
    CeremonyPlan,
    CeremonyResult,
    CertificateInfo,
    RegisterQuery,
    UtqEligibility,
)
from utq_desktop.services.certificates_read import (
    ENTITY,
    by_code,
    certificate_info,
    certificate_row,
    of_candidate,
    register,
)
from utq_desktop.services.certificates_render import CertificateRenderer
from utq_desktop.services.certificates_rules import (
    check_participation,
    check_utq,
    describe_activity,
    holder_name,
    participation_options,
    utq_eligibility,
)
from utq_desktop.services.certificates_write import issued_changes, new_certificate
from utq_desktop.services.context import Context
from utq_desktop.services.records import candidate_of

MAX_REASON = 500


class CertificateService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today
        self.renderer = CertificateRenderer(context)

    # --- reading -------------------------------------------------------------------------

    def for_candidate(self, candidate_id: int) -> CandidateCertificates:
        """The candidate's certificates, whether a UTQ certificate may be issued, and the
        completed activities that could get a certificate of participation."""
        with self._context.read() as session:
            candidate = candidate_of(session, candidate_id)
            return CandidateCertificates(
                candidate_id=candidate_id,
                full_name=holder_name(candidate),
                certificates=tuple(of_candidate(session, candidate_id)),
                utq=utq_eligibility(session, candidate),
                participation=tuple(participation_options(session, candidate_id)),
            )

    def utq_eligibility(self, candidate_id: int) -> UtqEligibility:
        with self._context.read() as session:
            return utq_eligibility(session, candidate_of(session, candidate_id))

    def get(self, certificate_id: int) -> CertificateInfo:
        with self._context.read() as session:
            return certificate_info(session, certificate_id)

    def register(self, query: RegisterQuery | None = None) -> list[CertificateInfo]:
        with self._context.read() as session:
            return register(session, query or RegisterQuery())

    def verify(self, typed: str) -> CertificateInfo | None:
        """The certificate a typed verification code belongs to, whatever its status (the
        caller shows it; only ``valid`` is a valid certificate), or None when the code is
        not in the register. Case, spaces and dashes do not matter; text that cannot be a
        code (wrong length, a mistyped character) raises ValidationError saying so."""
        code = codes.normalise_verification_code(typed)
        with self._context.read() as session:
            return by_code(session, code)

    # --- issuing -------------------------------------------------------------------------

    def issue_utq(self, candidate_id: int) -> CertificateInfo:
        """Issue the candidate's UTQ certificate, dated on their sufficient result; refused
        (ValidationError, with the reason) without one, after an exemption, or when they
        already hold a valid one."""
        with self._context.transaction() as session:
            certificate_id = self.issue_utq_in(session, candidate_of(session, candidate_id))
        return self.get(certificate_id)

    def issue_utq_in(self, session: Session, candidate: Candidate) -> int:
        """Issue in the caller's transaction (the ceremony batch issues many in one)."""
        eligibility = check_utq(session, candidate)
        assert eligibility.award_date is not None
        row = self._new_row(
            session,
            kind=CertificateKind.UTQ,
            candidate=candidate,
            award_date=eligibility.award_date,
        )
        self._audit(session, row, "create", issued_changes(row))
        return row.id

    def issue_participation(self, activity_id: int) -> CertificateInfo:
        """Issue a certificate of participation for a completed route activity, dated on
        the day it was completed."""
        with self._context.transaction() as session:
            activity = session.get(RouteActivity, activity_id)
            if activity is None:
                raise NotFoundError(f"Route activity {activity_id} does not exist (any more).")
            check_participation(session, activity)
            route = session.get(LearningRoute, activity.route_id)
            assert route is not None and activity.completed_on is not None
            row = self._new_row(
                session,
                kind=CertificateKind.PARTICIPATION,
                candidate=candidate_of(session, route.candidate_id),
                award_date=activity.completed_on,
                activity=activity,
            )
            changes = issued_changes(row)
            changes.append(("activity", None, describe_activity(activity)))
            self._audit(session, row, "create", changes)
            certificate_id = row.id
        return self.get(certificate_id)

    def reissue(self, certificate_id: int, expected_version: int | None = None) -> CertificateInfo:
        """A new certificate in place of a valid one (misprinted, lost): new serial and
        verification code, the same award date, the holder's name as registered now. The
        old one is marked replaced and points at the new one."""
        try:
            with self._context.transaction() as session:
                old = self._editable(session, certificate_id, expected_version)
                check_move(old.serial, CertificateStatus(old.status), CertificateStatus.REPLACED)
                candidate = candidate_of(session, old.candidate_id)
                activity = session.get(RouteActivity, old.activity_id) if old.activity_id else None
                old.status = CertificateStatus.REPLACED
                old.utq_holder_id = None
                session.flush()  # frees the candidate's one valid UTQ slot for the new row
                new = self._new_row(
                    session,
                    kind=CertificateKind(old.kind),
                    candidate=candidate,
                    award_date=old.award_date,
                    activity=activity,
                    title=old.title,
                )
                old.replaced_by_id = new.id
                session.flush()
                self._audit(
                    session,
                    old,
                    "update",
                    [
                        ("status", CertificateStatus.VALID, CertificateStatus.REPLACED),
                        ("replaced_by", None, new.serial),
                    ],
                )
                self._audit(
                    session,
                    new,
                    "create",
                    [*issued_changes(new), ("replaces", None, old.serial)],
                )
                new_id = new.id
        except StaleDataError as error:
            raise self._stale(certificate_id) from error
        return self.get(new_id)

    def revoke(
        self, certificate_id: int, reason: str, expected_version: int | None = None
    ) -> CertificateInfo:
        """Withdraw a valid certificate, with a reason; verifying its code then says so."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("Give the reason the certificate is revoked.", "reason")
        if len(reason) > MAX_REASON:
            raise ValidationError(f"A reason is at most {MAX_REASON} characters.", "reason")
        try:
            with self._context.transaction() as session:
                row = self._editable(session, certificate_id, expected_version)
                check_move(row.serial, CertificateStatus(row.status), CertificateStatus.REVOKED)
                row.status = CertificateStatus.REVOKED
                row.utq_holder_id = None
                row.revoke_reason = reason
                row.revoked_at = utc_now()
                row.revoked_by = self._context.actor
                session.flush()
                self._audit(
                    session,
                    row,
                    "update",
                    [
                        ("status", CertificateStatus.VALID, CertificateStatus.REVOKED),
                        ("revoke_reason", None, reason),
                    ],
                )
        except StaleDataError as error:
            raise self._stale(certificate_id) from error
        return self.get(certificate_id)

    # --- the ceremony batch --------------------------------------------------------------

    def plan_ceremony(
        self,
        since: date | None = None,
        until: date | None = None,
        staff_numbers: Sequence[str] = (),
    ) -> CeremonyPlan:
        """Who a batch for results dated ``since``..``until`` holds (services.
        certificates_ceremony): already issued, to issue, left out and why."""
        return plan_ceremony(self._context, since, until, staff_numbers)

    def run_ceremony(
        self,
        plan: CeremonyPlan,
        folder: Path | None,
        combined: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> CeremonyResult:
        """Issue the plan's missing certificates, then write all of its PDFs."""
        return run_ceremony(
            self._context, self.issue_utq_in, self.renderer, plan, folder, combined, progress
        )

    # --- the PDF -------------------------------------------------------------------------

    def render(self, certificate_id: int) -> bytes:
        """The certificate's PDF from the register: the stored file once rendered (same
        serial and code, byte for byte), rendered and stored the first time."""
        return self.renderer.pdf(certificate_id)

    def export(self, certificate_id: int, target: Path) -> None:
        """Save a copy of the certificate's PDF where the user chose."""
        self.renderer.export(certificate_id, target)

    def open_copy(self, certificate_id: int) -> Path:
        """A temporary copy named after the holder and the kind, for the system viewer."""
        return self.renderer.open_copy(certificate_id)

    # --- helpers -------------------------------------------------------------------------

    def _new_row(
        self,
        session: Session,
        *,
        kind: CertificateKind,
        candidate: Candidate,
        award_date: date,
        activity: RouteActivity | None = None,
        title: str | None = None,
    ) -> IssuedCertificate:
        return new_certificate(
            session,
            self._context.actor,
            self._today().year,
            kind=kind,
            candidate=candidate,
            award_date=award_date,
            activity=activity,
            title=title,
        )

    def _editable(
        self, session: Session, certificate_id: int, expected_version: int | None
    ) -> IssuedCertificate:
        row = certificate_row(session, certificate_id)
        if expected_version is not None and row.row_version != expected_version:
            raise self._stale(certificate_id)
        return row

    def _audit(
        self, session: Session, row: IssuedCertificate, action: str, changes: list[Change]
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=ENTITY,
            entity_id=row.id,
            candidate_id=row.candidate_id,
            action=action,
            changes=changes,
        )

    def _stale(self, certificate_id: int) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(ENTITY, certificate_id)
        if last is None:
            return StaleEditError("This certificate was changed by someone else. Reload it.")
        return StaleEditError(
            f"{last.actor} changed this certificate at {last.at:%d-%m-%Y %H:%M} UTC, after "
            "you opened it. Nothing was changed: reload and look again."
        )
