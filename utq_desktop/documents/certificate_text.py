"""The wording of the certificates, Dutch first and English second, and bilingual dates.

Certificates are formal documents: the wording is fixed here (not translated with the
interface), and both languages are always printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from utq_desktop.documents.months import MONTHS_EN, MONTHS_NL
from utq_desktop.domain.certificate_codes import CertificateKind
from utq_desktop.domain.route import ActivityKind


@dataclass(frozen=True, slots=True)
class Bilingual:
    nl: str
    en: str


TITLES = {
    CertificateKind.UTQ: Bilingual(
        "Basiskwalificatie Onderwijs", "University Teaching Qualification"
    ),
    CertificateKind.PARTICIPATION: Bilingual("Bewijs van deelname", "Certificate of participation"),
}
CERTIFY = Bilingual("Hierbij wordt verklaard dat", "This is to certify that")
UTQ_BODY = Bilingual(
    "met goed gevolg heeft voldaan aan de eisen van de Basiskwalificatie Onderwijs (BKO) en "
    "daarmee heeft aangetoond bekwaam te zijn in het ontwerpen, verzorgen, toetsen en "
    "evalueren van universitair onderwijs.",
    "has successfully met the requirements of the University Teaching Qualification (UTQ), "
    "demonstrating the competence to design, teach, assess and evaluate university education.",
)
UTQ_RECOGNITION = Bilingual(
    "De BKO wordt door alle Nederlandse universiteiten erkend.",
    "The UTQ is recognised by all universities in the Netherlands.",
)
TOOK_PART = Bilingual("heeft deelgenomen aan", "has taken part in")
NOT_THE_QUALIFICATION = Bilingual(
    "Dit is een bewijs van deelname. Het is geen Basiskwalificatie Onderwijs (BKO).",
    "This is a certificate of participation. It is not the University Teaching "
    "Qualification (UTQ).",
)
SERIAL_LABEL = Bilingual("Certificaatnummer", "Certificate number")
CODE_LABEL = Bilingual("Verificatiecode", "Verification code")
VERIFY = Bilingual("Echtheid controleren", "Verify this certificate")

ACTIVITY_KINDS = {
    ActivityKind.TRAINING_MODULE: Bilingual("Trainingsmodule", "Training module"),
    ActivityKind.WORKSHOP: Bilingual("Workshop", "Workshop"),
    ActivityKind.SELF_STUDY: Bilingual("Zelfstudie (toolbox)", "Self-study (toolbox)"),
    ActivityKind.WRITING_SESSION: Bilingual("Schrijfsessie", "Writing session"),
    ActivityKind.PEER_SUPERVISION: Bilingual("Intervisie", "Peer supervision"),
    ActivityKind.CLASS_OBSERVATION: Bilingual("Lesobservatie", "Class observation"),
    ActivityKind.OTHER: Bilingual("Activiteit", "Activity"),
}


def long_date(day: date) -> Bilingual:
    """'12 juni 2026' / '12 June 2026'."""
    return Bilingual(
        f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}",
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
    )


def period(first: date | None, last: date | None) -> Bilingual | None:
    """'3 – 24 februari 2026', '3 februari – 17 maart 2026', one day as a long date."""
    if first is None and last is None:
        return None
    if first is None or last is None or first == last:
        return long_date(first or last)  # type: ignore[arg-type]
    first, last = min(first, last), max(first, last)
    end = long_date(last)
    if first.year != last.year:
        start = long_date(first)
    elif first.month != last.month:
        start = Bilingual(
            f"{first.day} {MONTHS_NL[first.month - 1]}",
            f"{first.day} {MONTHS_EN[first.month - 1]}",
        )
    else:
        start = Bilingual(str(first.day), str(first.day))
    return Bilingual(f"{start.nl} – {end.nl}", f"{start.en} – {end.en}")


def hours(value: float | None) -> Bilingual | None:
    """'24 uur' / '24 hours'; '6,5 uur' / '6.5 hours'."""
    if value is None or value <= 0:
        return None
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    unit_en = "hour" if value == 1 else "hours"
    return Bilingual(f"{text.replace('.', ',')} uur", f"{text} {unit_en}")
