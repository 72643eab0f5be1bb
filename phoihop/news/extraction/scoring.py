"""Per-field accuracy of the engine over the labelled set (tests/news/extraction/articles:
`NN_slug.txt` with `NN_slug.json` = {"published_on": "YYYY-MM-DD" or null, "expected":
{every field}}), used alike by the test and by the `extract_accuracy` benchmark.

A field is right when it equals the expectation after normalisation:
- strings (event type, date, province, lead agency) folded (`core.text.fold`: case,
  diacritics, spacing, đ); booleans and years as they are;
- lists (partners, content areas) as sets of folded strings;
- people as sets of (folded name, title key): the title is folded, its abbreviations
  spelled out (UBND → ủy ban nhân dân, MTTQ → mặt trận tổ quốc, LHPN, HĐND, CCB, BĐBP,
  TW), "Việt Nam" and the place words ("tỉnh", "thành phố", a province's name) left out,
  so that "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh" and "Phó Chủ tịch Ủy ban Mặt trận Tổ
  quốc tỉnh Lạng Sơn" agree, while "Trưởng Ban" and "Phó Trưởng Ban" do not.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from phoihop.core.text import fold
from phoihop.news.extraction.lists import PROVINCE_BY_KEY
from phoihop.news.extraction.rules import FIELDS

LABELLED_DIR = Path(__file__).resolve().parents[3] / "tests" / "news" / "extraction" / "articles"

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "bdbp": "bo doi bien phong",
    "tw": "trung uong",
    "tu": "trung uong",
    "vn": "viet nam",
}
_PLACES = re.compile(
    r"\b(?:viet nam|thanh pho|tinh|tp|" + "|".join(sorted(PROVINCE_BY_KEY, key=len, reverse=True)) + r")\b"
)


def title_key(title: str | None) -> str:
    words = [_ABBREVIATIONS.get(w, w) for w in fold(title).split()]
    return " ".join(_PLACES.sub(" ", " ".join(words)).split())


def _people(value) -> set[tuple[str, str]]:
    return {(fold(p.get("name")), title_key(p.get("title"))) for p in value or []}


def field_matches(expected: dict, actual: dict) -> dict[str, bool]:
    """Whether each field of `actual` is right (see the module docstring)."""
    out = {}
    for name in FIELDS:
        want, got = expected.get(name), actual.get(name)
        if name == "people":
            out[name] = _people(want) == _people(got)
        elif name in ("partner_agencies", "content_areas"):
            out[name] = {fold(v) for v in want or []} == {fold(v) for v in got or []}
        elif isinstance(want, str) or isinstance(got, str):
            out[name] = (want is None) == (got is None) and fold(want) == fold(got)
        else:
            out[name] = want == got
    return out


def field_accuracy(cases: Iterable[tuple[dict, dict]]) -> dict[str, float]:
    """The share of (expected, actual) pairs each field is right in, per field."""
    totals = dict.fromkeys(FIELDS, 0)
    n = 0
    for expected, actual in cases:
        n += 1
        for name, ok in field_matches(expected, actual).items():
            totals[name] += ok
    return {name: (totals[name] / n if n else 0.0) for name in FIELDS}


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    published_on: dt.date | None
    expected: dict


def load_cases(directory: Path = LABELLED_DIR) -> list[Case]:
    """The labelled articles of a folder, in name order."""
    cases = []
    for text_path in sorted(Path(directory).glob("*.txt")):
        label = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
        published = label.get("published_on")
        cases.append(
            Case(
                name=text_path.stem,
                text=text_path.read_bytes().decode("utf-8"),
                published_on=dt.date.fromisoformat(published) if published else None,
                expected=label["expected"],
            )
        )
    return cases


def evaluate(cases: list[Case]) -> tuple[dict[str, float], list[tuple[Case, dict, list[str]]]]:
    """Run the engine over the cases: per-field accuracy, and the failing cases with their
    output and wrong fields."""
    from phoihop.news.extraction.rules import extract

    pairs, failures = [], []
    for case in cases:
        actual = extract(case.text, published_on=case.published_on)
        pairs.append((case.expected, actual))
        wrong = [name for name, ok in field_matches(case.expected, actual).items() if not ok]
        if wrong:
            failures.append((case, actual, wrong))
    return field_accuracy(pairs), failures
