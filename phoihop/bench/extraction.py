"""The article extraction engine (news.extraction) over the labelled set of
tests/news/extraction/articles (read from the source tree; it is not installed with the
package).

`extract_accuracy`: per-field accuracy (`news.extraction.scoring`) in `fields`, the lowest
in `min_field`; its timing is one pass over the set. `extract_rate`: the same pass, timed;
`articles_per_s` from the median. Baseline of both: the text normalisation every pass starts
with (NFC, tone placement, folding) over the same articles, so the ratio says how many such
passes the rules cost. Neither touches the database.
"""

from __future__ import annotations

from phoihop.bench.harness import BenchError, Context, Measure, operation
from phoihop.core.text import fold
from phoihop.news.extraction import extract
from phoihop.news.extraction.document import normalize
from phoihop.news.extraction.scoring import LABELLED_DIR, evaluate, load_cases


def _cases():
    cases = load_cases(LABELLED_DIR)
    if not cases:
        raise BenchError(f"Không có bài có nhãn trong {LABELLED_DIR} (cần mã nguồn đầy đủ của dự án).")
    return cases


def _pass(cases) -> None:
    for case in cases:
        extract(case.text, published_on=case.published_on)


def _baseline(cases) -> None:
    for case in cases:
        fold(normalize(case.text))


@operation("extract_accuracy")
def extract_accuracy(ctx: Context) -> Measure:
    cases = _cases()
    fields, failures = evaluate(cases)
    return Measure(
        n=len(cases),
        run=lambda: _pass(cases),
        baseline=lambda: _baseline(cases),
        extra={
            "fields": {name: round(value, 3) for name, value in fields.items()},
            "min_field": round(min(fields.values()), 3),
            "failing_articles": [case.name for case, _, _ in failures],
            "target": 0.9,
        },
        repeat=5,
    )


@operation("extract_rate")
def extract_rate(ctx: Context) -> Measure:
    cases = _cases()
    n = len(cases)
    return Measure(
        n=n,
        run=lambda: _pass(cases),
        baseline=lambda: _baseline(cases),
        extra={"target_articles_per_s": 50},
        summarise=lambda samples: {
            "articles_per_s": round(n / (sorted(samples)[len(samples) // 2] / 1000), 1)
        },
    )
