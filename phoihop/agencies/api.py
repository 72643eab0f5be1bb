"""Agencies API, /api/v1/agencies: public, read-only (administrators change agencies in the admin).

A credential is optional, but a bad, expired or revoked token is still refused with 401.
"""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.accounts.api_auth import optional
from phoihop.agencies import selectors
from phoihop.agencies.models import Agency

router = Router(tags=["agencies"], auth=optional)


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str = Field(description="Mã loại cơ quan (danh mục reference.AgencyKind).")
    level: str = Field(description="central | province | commune")
    province_code: str | None
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: int | None = Field(description="Cơ quan kế thừa sau khi đổi tên hoặc sáp nhập.")

    @staticmethod
    def resolve_kind(agency: Agency) -> str:
        return agency.kind.code

    @staticmethod
    def resolve_province_code(agency: Agency) -> str | None:
        return agency.province.code if agency.province_id else None


@router.get("", response=list[AgencyOut], summary="Danh sách cơ quan")
@paginate(LimitOffsetPagination)
def agency_list(
    request: HttpRequest, q: str | None = None, kind: str | None = None, province: str | None = None
):
    """Agencies, with old names kept (a renamed agency points to its `successor_id`).
    `q` ignores case and diacritics; `kind` is an agency-kind code, `province` a province code."""
    return selectors.agency_list(q=q, kind=kind, province=province)


@router.get("/{agency_id}", response=AgencyOut, summary="Một cơ quan")
def agency_detail(request: HttpRequest, agency_id: int):
    return get_object_or_404(selectors.agency_list(), pk=agency_id)
