"""The demo reviews: the Thái Nguyên interim review of 1 December 2016, concluded with three
follow-ups for 2017, and the findings of the Cần Thơ monitoring visit; loaded once."""

import datetime as dt

import pytest

from phoihop.activities.models import Activity
from phoihop.demo import load
from phoihop.reports.context import review_report_context
from phoihop.reviews.models import Attendee, Conclusion, Finding, FollowUp, Review

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Review, Attendee, Conclusion, FollowUp, Finding, Activity)
    }


def test_demo_loads_the_thai_nguyen_interim_review_once():
    result = load()
    cantho, thainguyen = result["programs"]
    agencies = result["agencies_by_key"]
    assert (result["reviews"], result["findings"]) == (1, 2)

    review = Review.objects.get(program=thainguyen)
    assert (review.kind, review.status, review.conference_date, review.chair_name) == (
        "interim",
        "concluded",
        dt.date(2016, 12, 1),
        "Nguyễn Thái Nam",
    )
    assert (review.period_start, review.period_end) == (dt.date(2013, 1, 1), dt.date(2016, 11, 30))
    linh = review.attendees.get(name="Lê Ngọc Linh")
    assert (linh.title, linh.agency) == ("Phó Bí thư Thường trực Tỉnh đoàn", agencies["td_tn"])
    # Figures frozen from the four accepted activities of 2014–2016.
    assert review.snapshot["statistics"]["totals"]["activities"] == 4
    assert (
        review.snapshot["statistics"]["totals"]["participants"]
        == 38 + 27 + 15 + 12 + 9 + 120 + 95 + 60 + 14 + 10 + 6
    )

    followups = list(FollowUp.objects.filter(program=thainguyen).order_by("due_date"))
    assert [(f.due_date, f.assignee, f.status) for f in followups] == [
        (dt.date(2017, 3, 31), agencies["bdt_tn"], "open"),
        (dt.date(2017, 9, 30), agencies["td_tn"], "open"),
        (dt.date(2017, 12, 31), agencies["td_tn"], "open"),
    ]
    assert {f.conclusion.review_id for f in followups} == {review.pk}
    assert {p.agency for p in thainguyen.parties.all()} == {agencies["bdt_tn"], agencies["td_tn"]}
    assert review.conclusions.count() == 4  # one acknowledgement, three tasks
    # Its report: dated the conference day; the lead's signatory is not on record, the chair signs.
    context = review_report_context(review)
    assert (context["dia_danh_ngay"], context["nguoi_ky"]) == (
        "Thái Nguyên, ngày 01 tháng 12 năm 2016",
        "Nguyễn Thái Nam",
    )

    findings = {f.place_as_written: f for f in Finding.objects.filter(program=cantho)}
    assert set(findings) == {"Xã Thới Lai", "Phường Thốt Nốt"}
    assert {f.activity.kind for f in findings.values()} == {"monitoring_visit"}
    assert findings["Xã Thới Lai"].status == "resolved"
    assert [f.status for f in findings["Xã Thới Lai"].followups.all()] == ["done"]
    assert findings["Phường Thốt Nốt"].status == "open"

    before = counts()
    again = load()
    assert (again["reviews"], again["findings"]) == (0, 0)
    assert counts() == before
