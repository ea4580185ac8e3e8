"""Reading partial certificates: the competences one may cover (of the candidate's route
framework version) and each certificate with what it recognised on the route."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from utq_desktop.domain.exemption_models import PartialCertificate, partial_certificate_competence
from utq_desktop.domain.models import Candidate, Competence, StoredFile
from utq_desktop.domain.route_models import RouteRecognition
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.exemption_dto import PartialCertificateInfo, PartialCertificateInput
from utq_desktop.services.route_dto import CompetenceChoice
from utq_desktop.services.route_read import route_framework_id, route_of


def file_sizes(session: Session, digests: list[str]) -> dict[str, int]:
    if not digests:
        return {}
    return dict(
        session.execute(
            select(StoredFile.sha256, StoredFile.size).where(StoredFile.sha256.in_(digests))
        ).all()
    )


def competence_choices(session: Session, candidate: Candidate) -> tuple[CompetenceChoice, ...]:
    """The competences a partial certificate may cover: those of the framework version
    the candidate's learning route uses (or will use)."""
    route = route_of(session, candidate.id)
    framework_id = route.framework_id if route else route_framework_id(session, candidate)
    if framework_id is None:
        return ()
    return tuple(
        CompetenceChoice(row.id, row.code, row.name_en)
        for row in session.scalars(
            select(Competence)
            .where(Competence.framework_id == framework_id)
            .order_by(Competence.position)
        )
    )


def certificate_infos(
    session: Session, candidate_id: int, choices: tuple[CompetenceChoice, ...]
) -> tuple[PartialCertificateInfo, ...]:
    rows = list(
        session.scalars(
            select(PartialCertificate)
            .where(PartialCertificate.candidate_id == candidate_id)
            .order_by(PartialCertificate.obtained_on, PartialCertificate.id)
        )
    )
    if not rows:
        return ()
    ids = [row.id for row in rows]
    by_id = {choice.id: choice for choice in choices}
    position = {choice.id: index for index, choice in enumerate(choices)}
    links: dict[int, list[int]] = defaultdict(list)
    for certificate_id, competence_id in session.execute(
        select(
            partial_certificate_competence.c.certificate_id,
            partial_certificate_competence.c.competence_id,
        ).where(partial_certificate_competence.c.certificate_id.in_(ids))
    ):
        links[certificate_id].append(competence_id)
    made: dict[int, list[int]] = defaultdict(list)
    for certificate_id, competence_id in session.execute(
        select(RouteRecognition.partial_certificate_id, RouteRecognition.competence_id).where(
            RouteRecognition.partial_certificate_id.in_(ids)
        )
    ):
        made[certificate_id].append(competence_id)
    sizes = file_sizes(session, [row.document_sha256 for row in rows if row.document_sha256])
    infos = []
    for row in rows:
        competence_ids = tuple(sorted(links[row.id], key=lambda cid: position.get(cid, cid)))
        document = None
        if row.document_sha256:
            document = AttachedDocument(
                row.document_sha256, row.document_name, sizes.get(row.document_sha256, 0)
            )
        infos.append(
            PartialCertificateInfo(
                id=row.id,
                row_version=row.row_version,
                data=PartialCertificateInput(
                    row.institution, row.obtained_on, competence_ids, row.notes
                ),
                competences=tuple(by_id[cid] for cid in competence_ids if cid in by_id),
                document=document,
                recognised=tuple(sorted(made[row.id], key=lambda cid: position.get(cid, cid))),
                recorded_by=row.recorded_by,
                recorded_at=row.recorded_at,
            )
        )
    return tuple(infos)
