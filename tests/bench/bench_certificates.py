"""Ceremony batch: 1,000 separate UTQ certificate PDFs (QR code included) into a fresh temp
folder, with 1 worker process and with 2; then the combined PDF of the same 1,000 for the
printer; and what one QR code costs.

Target (Assessment & certificates issue): >= 300 separate PDFs per second for a batch of
1,000 with both cores of the 2-core machine. Status quo: a Word mail merge converted by
LibreOffice, 165 ms a certificate (6 a second). Each figure is the best of RUNS runs,
timed end to end (worker start-up, writing, hashing and naming the files included), with
the CPU time a PDF took (this process and its workers): on a busy machine the wall-clock
figures drop, the CPU figures hardly move.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from utq_desktop.documents.certificate_batch import write_certificates  # noqa: E402
from utq_desktop.documents.certificate_data import CertificateData, Signatory  # noqa: E402
from utq_desktop.domain.certificate_codes import (  # noqa: E402
    CertificateKind,
    format_serial,
    new_verification_code,
)

COUNT = 1000
RUNS = 3
TARGET = 300.0
FIRST = ("Nguyễn Thị", "Ayşe", "Øyvind", "Siobhán", "Jan-Willem", "Łukasz", "Priya", "Emma")
PREFIX = ("", "", "van", "de", "van der", "van 't")
SURNAME = ("Doğan", "Çelik", "Ångström", "Jansen", "Hof", "Bakker", "Nguyễn", "Visser")


def certificates(count: int) -> list[CertificateData]:
    items = []
    for i in range(count):
        name = " ".join(
            part for part in (FIRST[i % 8], PREFIX[i % 6], f"{SURNAME[(i // 8) % 8]}{i}") if part
        )
        code = new_verification_code()
        items.append(
            CertificateData(
                kind=CertificateKind.UTQ,
                holder_name=name,
                institution="Universiteit Twente",
                award_date=date(2026, 6, 12),
                serial=format_serial(CertificateKind.UTQ, 2026, i + 1),
                verification_code=code,
                signatories=(
                    Signatory("prof. dr. Jan-Willem de Bruijn", "Decaan / Dean"),
                    Signatory("prof. dr. ir. Tijs van der Meer", "Rector Magnificus"),
                ),
                place="Enschede",
                qr_text=f"https://www.utwente.nl/utq/verify?code={code}",
                verify_at="www.utwente.nl/utq/verify",
            )
        )
    return items


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[Path], None]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run."""
    walls, cpus = [], []
    for _ in range(RUNS):
        folder = Path(tempfile.mkdtemp(prefix="utq-bench-certificates-"))
        try:
            start, cpu = time.perf_counter(), cpu_seconds()
            run(folder)
            walls.append(time.perf_counter() - start)
            cpus.append(cpu_seconds() - cpu)
        finally:
            shutil.rmtree(folder)
    return walls, cpus


def report(label: str, runs: tuple[list[float], list[float]], count: int) -> float:
    walls, cpus = runs
    best = count / min(walls)
    print(
        f"{label}: {best:,.0f} PDFs/s best, {count / statistics.median(walls):,.0f} median "
        f"({min(walls):.2f} s for {count:,}; {min(cpus) / count * 1000:.2f} ms CPU a PDF)"
    )
    return best


def qr_cost() -> None:
    """Per code: libzint + the merged-run path, against ReportLab's own QR widget."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

    from utq_desktop.documents.qr import pdf_operators, qr_matrix

    text = "https://www.utwente.nl/utq/verify?code=7K3M-Q9XD-2HPH"
    start = time.perf_counter()
    for _ in range(500):
        pdf_operators(qr_matrix(text), 0, 0, 56)
    ours = (time.perf_counter() - start) / 500 * 1000
    canvas = Canvas(str(Path(tempfile.gettempdir()) / "utq-bench-qr.pdf"))
    start = time.perf_counter()
    for _ in range(10):
        drawing = Drawing(56, 56)
        drawing.add(QrCodeWidget(text, barLevel="M"))
        renderPDF.draw(drawing, canvas, 0, 0)
    widget = (time.perf_counter() - start) / 10 * 1000
    print(f"QR code: {ours:.2f} ms (libzint + one path); ReportLab's widget {widget:.0f} ms")


def main() -> None:
    items = certificates(COUNT)
    with tempfile.TemporaryDirectory() as warm_up:
        write_certificates(items[:30], Path(warm_up), processes=1)  # fonts, caches
    print(f"{COUNT:,} UTQ certificates with QR codes, best of {RUNS} runs")
    report("1 process ", timed(lambda d: write_certificates(items, d, processes=1)), COUNT)
    both = report("2 processes", timed(lambda d: write_certificates(items, d, processes=2)), COUNT)
    walls, cpus = timed(
        lambda d: write_certificates(items, None, combined=d / "all.pdf", processes=1)
    )
    print(f"combined PDF of {COUNT:,} pages: {min(walls):.2f} s ({min(cpus):.2f} s CPU)")
    qr_cost()
    verdict = "meets" if both >= TARGET else "MISSES"
    print(f"2 processes: {both:,.0f} PDFs/s {verdict} the target of {TARGET:.0f}/s")


if __name__ == "__main__":  # worker processes import this file: run only when started
    main()
