"""The review report (.docx) of the heaviest program, built the way the page and the API
build it, against the plain-SQL figures of the same rows."""

from __future__ import annotations

import datetime as dt

from phoihop.bench.figures import check_program_baseline, program_figures, program_figures_sql
from phoihop.bench.harness import Context, Measure, operation
from phoihop.reports.services import report_render
from phoihop.reviews.models import Kind, Review


@operation("review_report_docx")
def review_report_docx(ctx: Context) -> Measure:
    """A final review (tổng kết) of the heaviest program over its whole phase, so that it
    counts every accepted activity: figures, exemplars, findings, follow-ups, docx. The
    review is a draft (figures computed on each build, not read from a snapshot)."""
    program = ctx.program
    totals = check_program_baseline(program)
    review, _ = Review.objects.get_or_create(
        program=program,
        kind=Kind.FINAL,
        period_start=dt.date(program.phase_start, 1, 1),
        defaults={
            "period_end": dt.date(program.phase_end, 12, 31),
            "conference_date": dt.date(program.phase_end, 12, 15),
            "place": "[thử] Hội trường",
            "chair_name": "[thử] Chủ trì",
        },
    )
    queries = program_figures_sql()
    sizes: list[int] = []

    def run():
        _, _, body = report_render(kind="review_report", target=review, fmt="docx")
        sizes.append(len(body))

    return Measure(
        n=totals["activities"],
        run=run,
        baseline=lambda: program_figures(program.pk, queries),
        extra={"program_id": program.pk, "target_ms": 3000},
        summarise=lambda _: {"docx_bytes": sizes[-1] if sizes else None},
        repeat=10,
    )
