"""Judging a round: each appointed assessor's judgement per competence (blind until all
are in) and the chair's decision where they disagree."""

from __future__ import annotations

from datetime import date

from utq_desktop.domain.assessment import Verdict
from utq_desktop.errors import IllegalTransitionError, ValidationError
from utq_desktop.services.assessment_base import RoundBase
from utq_desktop.services.assessment_read import round_facts
from utq_desktop.services.assessment_write import clean_motivation, save_judgement


class Judging(RoundBase):
    # --- judging -------------------------------------------------------------------------

    def judge(
        self,
        assessment_id: int,
        competence_id: int,
        assessor_id: int,
        verdict: Verdict,
        motivation: str,
        judged_on: date | None = None,
        expected_version: int = 0,
    ) -> int:
        """Record (``expected_version`` 0) or change an assessor's judgement of one
        competence; returns the judgement's version. Refused once every judgement is in:
        they are then revealed, and a disagreement goes to the chair."""
        verdict = Verdict(verdict)
        motivation = clean_motivation(motivation)
        judged_on = judged_on or self._today()
        self._check_day(judged_on, "date of the judgement", "judged_on")
        with self._context.transaction() as session:
            row = self._get_round(session, assessment_id)
            self._check_judging(row)
            facts = round_facts(session, row)
            if assessor_id not in facts.assessor_ids:
                raise ValidationError(
                    "Only an assessor appointed to this round can judge its competences "
                    "(the chair decides disagreements).",
                    "assessor",
                )
            if competence_id not in {c.id for c in facts.competences}:
                raise ValidationError("That competence is not part of this assessment.")
            if facts.complete:
                raise IllegalTransitionError(
                    "Every judgement is in and they have been revealed; a judgement can no "
                    "longer be changed. Where the assessors disagree, the chair decides."
                )
            return save_judgement(
                session,
                self._context.actor,
                row,
                facts.by_key.get((assessor_id, competence_id)),
                competence_id,
                assessor_id,
                verdict,
                motivation,
                judged_on,
                expected_version,
                "judgement",
            )

    def decide(
        self,
        assessment_id: int,
        competence_id: int,
        verdict: Verdict,
        motivation: str,
        decided_on: date | None = None,
        expected_version: int = 0,
    ) -> int:
        """The chair's decision on a competence the assessors disagree on; returns its
        version. Refused while judgements are missing and where they agree."""
        verdict = Verdict(verdict)
        motivation = clean_motivation(motivation)
        decided_on = decided_on or self._today()
        self._check_day(decided_on, "date of the decision", "decided_on")
        with self._context.transaction() as session:
            row = self._get_round(session, assessment_id)
            self._check_judging(row)
            facts = round_facts(session, row)
            if facts.chair_id is None:
                raise ValidationError("This round has no chair.")
            if competence_id not in {c.id for c in facts.competences}:
                raise ValidationError("That competence is not part of this assessment.")
            if not facts.complete:
                raise IllegalTransitionError(
                    f"The chair decides once every judgement is in ({facts.judgements_in} "
                    f"of {facts.needed} so far)."
                )
            if not facts.disagrees(competence_id):
                raise IllegalTransitionError(
                    "The assessors agree on this competence; the chair decides only where "
                    "they disagree."
                )
            return save_judgement(
                session,
                self._context.actor,
                row,
                facts.by_key.get((facts.chair_id, competence_id)),
                competence_id,
                facts.chair_id,
                verdict,
                motivation,
                decided_on,
                expected_version,
                "chair decision",
            )
