"""The small generated files the demo dossiers attach: one-page PDFs and text files, a fixed
pool of a few dozen stored once in the content-addressed store and shared by every demo
candidate (dedup keeps 50,000 candidates' attachments at a few kilobytes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from utq_desktop.domain.portfolio import EvidenceKind as K
from utq_desktop.store.files import FileStore

COURSES = (
    "Linear Algebra",
    "Research Methods",
    "Organic Chemistry",
    "Contract Law",
    "Introduction to Sociology",
    "Data Structures",
    "Thermodynamics",
    "Academic Writing",
)


@dataclass(frozen=True)
class PoolFile:
    name: str
    media_type: str
    content: bytes


def tiny_pdf(title: str, lines: tuple[str, ...]) -> bytes:
    """A valid one-page PDF with a title and a few lines of text (Helvetica, ASCII)."""

    def literal(text: str) -> str:
        text = text.encode("ascii", "replace").decode("ascii")
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    ops = [f"BT /F1 16 Tf 56 770 Td {literal(title)} Tj ET"]
    for n, line in enumerate(lines):
        ops.append(f"BT /F1 11 Tf 56 {736 - 18 * n} Td {literal(line)} Tj ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _text(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _pool() -> dict[K, tuple[PoolFile, ...]]:
    pdf = "application/pdf"
    txt = "text/plain"
    pool: dict[K, list[PoolFile]] = {kind: [] for kind in K}
    for course in COURSES[:4]:
        slug = course.lower().replace(" ", "-")
        pool[K.COURSE_MATERIAL].append(
            PoolFile(
                f"course-manual-{slug}.pdf",
                pdf,
                tiny_pdf(
                    f"Course manual: {course}",
                    (
                        "Learning outcomes, teaching methods and assessment.",
                        "Week 1-7: lectures and tutorials; week 8: written exam.",
                        "Constructive alignment table on page 2.",
                    ),
                ),
            )
        )
        pool[K.STUDENT_EVALUATION].append(
            PoolFile(
                f"student-evaluation-{slug}.pdf",
                pdf,
                tiny_pdf(
                    f"Student evaluation: {course}",
                    (
                        "Response rate 41% (n = 87).",
                        "Overall judgement 7.4 / 10; workload judged as fitting.",
                        "Most mentioned: clear structure; wish: more worked examples.",
                    ),
                ),
            )
        )
    pool[K.COURSE_MATERIAL].append(
        PoolFile("assignment-rubric.txt", txt, _text("Rubric", "Criterion | 1 | 2 | 3 | 4"))
    )
    pool[K.PEER_FEEDBACK] += [
        PoolFile(
            "peer-feedback-lecture.txt",
            txt,
            _text("Peer feedback on a lecture", "Strong: activating questions.", "Tip: pace."),
        ),
        PoolFile(
            "intervision-notes.pdf",
            pdf,
            tiny_pdf("Intervision notes", ("Case: a student who disagrees with a grade.",)),
        ),
    ]
    pool[K.STUDENT_FEEDBACK] += [
        PoolFile(
            "mid-term-feedback.txt",
            txt,
            _text("Mid-term feedback (one-minute papers)", "Keep: quizzes. Change: slides."),
        ),
    ]
    pool[K.OBSERVATION_REPORT] += [
        PoolFile(
            f"observation-report-{n}.pdf",
            pdf,
            tiny_pdf(
                f"Class observation report {n}",
                (
                    "Observed: interaction with students, use of activating methods.",
                    "Strength: clear explanation; point of attention: checking understanding.",
                ),
            ),
        )
        for n in (1, 2, 3)
    ]
    pool[K.REFLECTION] += [
        PoolFile(
            "self-analysis-draft.txt",
            txt,
            _text("Self-analysis (draft)", "What went well, what I would change, and why."),
        ),
    ]
    pool[K.CERTIFICATE] += [
        PoolFile(
            f"certificate-{slug}.pdf",
            pdf,
            tiny_pdf("Certificate of participation", (f"Module: {title}",)),
        )
        for slug, title in (
            ("teaching-in-practice", "Teaching in practice"),
            ("testing-and-assessment", "Testing and assessment"),
        )
    ]
    pool[K.OTHER] += [
        PoolFile(
            "assessment-plan.txt", txt, _text("Assessment plan", "Test matrix and weighting.")
        ),
    ]
    return {kind: tuple(files) for kind, files in pool.items()}


POOL = _pool()


def store_pool(session: Session, store: FileStore) -> dict[K, tuple[tuple[str, str], ...]]:
    """Store the pool (a no-op for files already stored); (sha256, name) per kind."""
    return {
        kind: tuple((store.put(session, f.content, f.media_type), f.name) for f in files)
        for kind, files in POOL.items()
    }
