"""The engine against the labelled articles (articles/NN_slug.txt + .json): every field
right in at least 90 % of them (scoring in news.extraction.scoring)."""

import pytest

from phoihop.news.extraction import FIELDS
from phoihop.news.extraction.scoring import LABELLED_DIR, evaluate, field_accuracy, field_matches, load_cases

TARGET = 0.9


def test_labelled_set_is_large_and_complete():
    cases = load_cases()
    assert len(cases) >= 30
    for case in cases:
        assert set(case.expected) == set(FIELDS), case.name
    kinds = {case.expected["event_type"] for case in cases}
    assert kinds == {
        "signing",
        "interim_review",
        "final_review",
        "training",
        "monitoring_visit",
        "commendation",
        "other",
    }
    assert any(not case.expected["is_coordination_program_event"] for case in cases)
    assert any((case.expected["event_date"] or "").startswith("????") for case in cases)


def test_every_field_is_right_in_at_least_90_percent_of_the_labelled_articles():
    accuracy, failures = evaluate(load_cases())
    report = "\n".join(
        [f"{name}: {value:.3f}" for name, value in accuracy.items()]
        + [
            f"{case.name}: {field}: got {actual[field]!r}, expected {case.expected[field]!r}"
            for case, actual, wrong in failures
            for field in wrong
        ]
    )
    print(report)
    assert min(accuracy.values()) >= TARGET, report


def test_scoring_folds_strings_and_compares_lists_as_sets():
    expected = {
        "event_type": "signing",
        "is_coordination_program_event": True,
        "event_date": "2021-05-13",
        "province": "Hòa Bình",
        "lead_agency": "Ban Dân tộc",
        "partner_agencies": ["Tỉnh đoàn", "Hội Nông dân"],
        "phase_start": 2021,
        "phase_end": 2025,
        "people": [{"name": "Lò Văn A", "title": "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"}],
        "content_areas": ["giảm nghèo", "tuyên truyền"],
    }
    actual = dict(
        expected,
        province="HOÀ BÌNH",
        lead_agency="ban dan toc",
        partner_agencies=["Hội Nông dân", "tỉnh đoàn"],
        people=[{"name": "Lò Văn A", "title": "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh Hòa Bình"}],
        content_areas=["tuyên truyền", "giảm nghèo"],
    )
    assert all(field_matches(expected, actual).values())
    wrong = dict(actual, people=[{"name": "Lò Văn A", "title": "Chủ tịch Ủy ban MTTQ tỉnh"}], phase_end=2026)
    assert field_accuracy([(expected, actual), (expected, wrong)]) == {
        **dict.fromkeys(FIELDS, 1.0),
        "people": 0.5,
        "phase_end": 0.5,
    }


def test_null_and_empty_string_differ():
    base = dict.fromkeys(FIELDS)
    assert not field_matches(dict(base, lead_agency=None), dict(base, lead_agency=""))["lead_agency"]


@pytest.mark.parametrize("path", sorted(LABELLED_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_every_article_has_its_label(path):
    assert path.with_suffix(".json").exists()
