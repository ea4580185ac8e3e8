"""Reading assessments: a round as one viewer may see it (the blindness rule applied here,
in the core), a candidate's rounds and submitted snapshots, and the assessment register.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.assessment import (
    AssessmentState,
    MemberRole,
    Verdict,
    appeal_deadline,
    disagreement,
    final_verdict,
    judgements_complete,
    overall_result,
    phase_of,
    visible_to,
)
from utq_desktop.domain.assessment_models import (
    Assessment,
    AssessmentAppeal,
    AssessmentJudgement,
    AssessmentMember,
)
from utq_desktop.domain.models import AppUser, Candidate, Competence, InstitutionSettings
from utq_desktop.domain.names import full_name
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.services.assessment_dto import (
    AppealView,
    CellState,
    CompetenceJudgements,
    JudgementCell,
    PanelMember,
    RoundView,
    SnapshotRef,
)
from utq_desktop.services.portfolio_validation import MAX_TEXT as PORTFOLIO_MAX_TEXT

ROUND, JUDGEMENT, APPEAL = "assessment", "assessment_judgement", "assessment_appeal"
FEEDBACK_MAX = PORTFOLIO_MAX_TEXT
CUT = "\n… (shortened: the full motivations are on the Assessment tab)"


def appeal_weeks(session: Session) -> int:
    return session.scalar(select(InstitutionSettings.appeal_weeks)) or 6


def candidate_name(candidate: Candidate) -> str:
    return full_name(candidate.first_name, candidate.prefix, candidate.surname, candidate.initials)


# --- snapshots -------------------------------------------------------------------------------


def snapshot_refs(session: Session, candidate_id: int) -> list[SnapshotRef]:
    """The candidate's submitted snapshots, newest first."""
    query = (
        select(
            PortfolioSnapshot.id,
            PortfolioSnapshot.number,
            PortfolioSnapshot.submitted_at,
            PortfolioSnapshotReturn.id,
        )
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioSnapshot.dossier_id)
        .outerjoin(
            PortfolioSnapshotReturn, PortfolioSnapshotReturn.snapshot_id == PortfolioSnapshot.id
        )
        .where(PortfolioDossier.candidate_id == candidate_id)
        .order_by(PortfolioSnapshot.number.desc())
    )
    return [
        SnapshotRef(sid, number, at, returned is not None)
        for sid, number, at, returned in session.execute(query)
    ]


def live_snapshot_ids(session: Session, candidate_id: int) -> set[int]:
    """Snapshots already in a round that was not cancelled."""
    return set(
        session.scalars(
            select(Assessment.snapshot_id).where(
                Assessment.candidate_id == candidate_id,
                Assessment.state != AssessmentState.CANCELLED,
            )
        )
    )


def waiting_refs(refs: Iterable[SnapshotRef], live: set[int]) -> tuple[SnapshotRef, ...]:
    return tuple(r for r in refs if not r.returned and r.id not in live)


# --- one round --------------------------------------------------------------------------------


def round_competences(session: Session, framework_id: int | None) -> list[Competence]:
    if framework_id is None:
        return []
    return list(
        session.scalars(
            select(Competence)
            .where(Competence.framework_id == framework_id)
            .order_by(Competence.position)
        )
    )


def members_of(session: Session, assessment_id: int) -> list[tuple[AssessmentMember, AppUser]]:
    query = (
        select(AssessmentMember, AppUser)
        .join(AppUser, AppUser.id == AssessmentMember.user_id)
        .where(AssessmentMember.assessment_id == assessment_id)
        .order_by(AssessmentMember.position)
    )
    return [(m, u) for m, u in session.execute(query)]


def judgements_of(session: Session, assessment_id: int) -> list[AssessmentJudgement]:
    return list(
        session.scalars(
            select(AssessmentJudgement).where(AssessmentJudgement.assessment_id == assessment_id)
        )
    )


class RoundFacts:
    """A round's panel, competences and judgements, with the rules applied."""

    def __init__(
        self,
        members: list[tuple[AssessmentMember, AppUser]],
        competences: list[Competence],
        judgements: list[AssessmentJudgement],
    ) -> None:
        self.members = members
        self.competences = competences
        self.assessor_ids = [m.user_id for m, _ in members if m.role is MemberRole.ASSESSOR]
        chair = [m.user_id for m, _ in members if m.role is MemberRole.CHAIR]
        self.chair_id: int | None = chair[0] if chair else None
        self.by_key = {(j.user_id, j.competence_id): j for j in judgements}
        competence_ids = [c.id for c in competences]
        verdicts = {key: j.verdict for key, j in self.by_key.items() if key[0] in self.assessor_ids}
        self.judgements_in = len(verdicts)
        self.needed = len(self.assessor_ids) * len(competence_ids)
        self.complete = bool(competence_ids) and judgements_complete(
            verdicts, self.assessor_ids, competence_ids
        )

    def verdicts(self, competence_id: int) -> list[Verdict]:
        return [
            j.verdict
            for a in self.assessor_ids
            if (j := self.by_key.get((a, competence_id))) is not None
        ]

    def chair_verdict(self, competence_id: int) -> Verdict | None:
        if self.chair_id is None:
            return None
        j = self.by_key.get((self.chair_id, competence_id))
        return j.verdict if j else None

    def disagrees(self, competence_id: int) -> bool:
        return self.complete and disagreement(self.verdicts(competence_id))

    def final(self, competence_id: int) -> Verdict | None:
        if not self.complete:
            return None
        return final_verdict(self.verdicts(competence_id), self.chair_verdict(competence_id))

    def open_disagreements(self) -> int:
        return sum(
            1 for c in self.competences if self.disagrees(c.id) and self.chair_verdict(c.id) is None
        )

    def proposed(self) -> Verdict | None:
        if not self.complete:
            return None
        return overall_result(self.final(c.id) for c in self.competences)

    def judged_count(self, user_id: int) -> int:
        return sum(1 for c in self.competences if (user_id, c.id) in self.by_key)


def round_facts(session: Session, row: Assessment) -> RoundFacts:
    return RoundFacts(
        members_of(session, row.id),
        round_competences(session, row.framework_id),
        judgements_of(session, row.id),
    )


def _cell(judgement: AssessmentJudgement | None, user_id: int, shown: bool) -> JudgementCell:
    if judgement is None:
        return JudgementCell(user_id, CellState.MISSING)
    if not shown:
        return JudgementCell(user_id, CellState.SEALED)
    return JudgementCell(
        user_id,
        CellState.SHOWN,
        judgement.verdict,
        judgement.motivation,
        judgement.judged_on,
        judgement.entered_by,
        judgement.row_version,
    )


def appeal_view(row: AssessmentAppeal) -> AppealView:
    return AppealView(
        row.id,
        row.row_version,
        row.filed_on,
        row.grounds,
        row.deadline,
        row.late_accepted,
        row.late_reason,
        row.hearing_on,
        row.outcome,
        row.outcome_on,
        row.outcome_motivation,
        row.result_before,
        row.result_after,
    )


def build_round(
    session: Session,
    row: Assessment,
    viewer_id: int | None,
    weeks: int,
    snapshot_numbers: dict[int, int],
) -> RoundView:
    facts = round_facts(session, row)
    competences = []
    for c in facts.competences:
        cells = tuple(
            _cell(
                facts.by_key.get((a, c.id)),
                a,
                visible_to(viewer_id, a, facts.complete),
            )
            for a in facts.assessor_ids
        )
        chair_id = facts.chair_id if facts.chair_id is not None else 0
        competences.append(
            CompetenceJudgements(
                c.id,
                c.code,
                c.name_en,
                cells,
                _cell(facts.by_key.get((chair_id, c.id)), chair_id, True),
                facts.disagrees(c.id),
                facts.final(c.id),
            )
        )
    appeals = session.scalars(
        select(AssessmentAppeal)
        .where(AssessmentAppeal.assessment_id == row.id)
        .order_by(AssessmentAppeal.filed_on, AssessmentAppeal.id)
    )
    members = tuple(
        PanelMember(u.id, u.name, u.login, m.role, facts.judged_count(u.id))
        for m, u in facts.members
    )
    return RoundView(
        id=row.id,
        row_version=row.row_version,
        round=row.round,
        snapshot_id=row.snapshot_id,
        snapshot_number=snapshot_numbers.get(row.snapshot_id),
        state=row.state,
        phase=phase_of(row.state, facts.complete, facts.open_disagreements()),
        started_on=row.started_on,
        members=members,
        competences=tuple(competences),
        judgements_in=facts.judgements_in,
        judgements_needed=facts.needed,
        revealed=facts.complete,
        proposed_result=facts.proposed(),
        result=row.result,
        result_on=row.result_on,
        result_motivation=row.result_motivation,
        decided_by=row.decided_by,
        appeals=tuple(appeal_view(a) for a in appeals),
        appeal_deadline=(
            appeal_deadline(row.result_on, weeks)
            if row.result_on is not None and row.state is not AssessmentState.CANCELLED
            else None
        ),
        viewer_id=viewer_id,
    )


def feedback_text(session: Session, row: Assessment) -> str:
    """The judgements' motivations, per competence: the feedback an insufficient result
    sends back with the dossier."""
    facts = round_facts(session, row)
    names = {u.id: u.name for _, u in facts.members}
    lines = [f"Assessment round {row.round}: insufficient ({_day(row.result_on)})."]
    if row.result_motivation:
        lines.append(row.result_motivation)
    for c in facts.competences:
        final = facts.final(c.id)
        lines.append("")
        lines.append(f"{c.code} {c.name_en}: {final.label.lower() if final else 'undecided'}")
        for user_id in [*facts.assessor_ids, facts.chair_id]:
            j = facts.by_key.get((user_id or 0, c.id))
            if j is not None:
                who = names.get(j.user_id, "?")
                if user_id == facts.chair_id:
                    who += " (chair)"
                lines.append(f"- {who}, {j.verdict.label.lower()}: {j.motivation}")
    text = "\n".join(lines)
    if len(text) > FEEDBACK_MAX:  # the portfolio keeps feedback up to its text limit
        text = text[: FEEDBACK_MAX - len(CUT)].rstrip() + CUT
    return text


def _day(on: date | None) -> str:
    return f"{on.day}-{on.month}-{on.year}" if on else ""
