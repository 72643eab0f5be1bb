import datetime as dt

import pytest
from django.utils import timezone

from phoihop.activities.models import Activity, Participation
from phoihop.core import bulk
from tests.activities.conftest import group

pytestmark = pytest.mark.django_db


def test_insert_returns_ids_in_order_and_fills_defaults(signed_program, partner_agency):
    rows = [
        {
            "program_id": signed_program.pk,
            "kind": "training",
            "title": f"Lớp {n}",
            "start_date": dt.date(2024, 3, n),
            "end_date": dt.date(2024, 3, n),
            "organiser_id": partner_agency.pk,
            "created_at": timezone.now(),
        }
        for n in range(1, 6)
    ]
    ids = bulk.insert(Activity, rows, returning=True)
    stored = Activity.objects.in_bulk(ids)
    assert [stored[pk].title for pk in ids] == ["Lớp 1", "Lớp 2", "Lớp 3", "Lớp 4", "Lớp 5"]
    first = stored[ids[0]]
    # Columns left out take the model's defaults, as an instance would: "" text, draft, 0.
    assert (first.status, first.total_participants, first.review_comment, first.budget_vnd) == (
        "draft",
        0,
        "",
        None,
    )
    assert first.start_date == dt.date(2024, 3, 1) and first.updated_at is not None
    bulk.insert(
        Participation,
        [
            {
                "activity_id": pk,
                "program_id": signed_program.pk,
                "ethnic_group_id": group("02").pk,
                "count": 5,
            }
            for pk in ids
        ],
    )
    assert Participation.objects.filter(activity_id__in=ids, sex="unspecified").count() == 5
