"""Public reference API, /api/v1/reference/: ethnic groups, provinces and communes.

No authentication: this is public reference data that forms and other systems look up.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from phoihop.reference import selectors
from phoihop.reference.models import AdministrativeUnit, Era

router = Router(tags=["reference"], auth=None)

ERA_ERROR = (
    "Thời kỳ «{era}» không hợp lệ: dùng «current» (hiện hành, từ 01/07/2025) "
    "hoặc «legacy» (trước 01/07/2025)."
)


class WholeListPagination(LimitOffsetPagination):
    """Limit/offset whose default limit returns a whole short list (54 groups, 63 provinces)
    in one response; NINJA_PAGINATION_PER_PAGE (50) stays the default elsewhere."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0)


class EthnicGroupOut(Schema):
    code: str
    name: str
    aliases: list[str]
    code_system: str
    is_minority: bool


class ProvinceOut(Schema):
    code: str
    name: str
    short_name: str
    division_type: str


class CommuneOut(Schema):
    code: str
    name: str
    division_type: str
    province_code: str
    district_code: str | None = Field(None, description="Quận/huyện (chỉ có ở đơn vị trước 01/07/2025).")

    @staticmethod
    def resolve_province_code(unit: AdministrativeUnit) -> str:
        parent = unit.parent
        return parent.parent.code if parent.parent_id else parent.code

    @staticmethod
    def resolve_district_code(unit: AdministrativeUnit) -> str | None:
        return unit.parent.code if unit.parent.parent_id else None


def _era(era: str) -> str:
    if not selectors.is_era(era):
        raise HttpError(422, ERA_ERROR.format(era=era))
    return era


@router.get("/ethnic-groups", response=list[EthnicGroupOut], auth=None, summary="Các dân tộc")
@paginate(WholeListPagination)
def ethnic_groups(request: HttpRequest, q: str | None = None):
    """The 54 ethnic groups with their codes in Decision 121-TCTK/PPCĐ; `q` searches names
    and aliases ignoring case and diacritics ("mong" finds HMông)."""
    return selectors.ethnic_group_list(q=q)


@router.get("/provinces", response=list[ProvinceOut], auth=None, summary="Tỉnh, thành phố")
@paginate(WholeListPagination)
def provinces(request: HttpRequest, era: str = Era.CURRENT.value, q: str | None = None):
    """Provinces: `era=current` the 34 from 1 July 2025, `era=legacy` the 63 before."""
    return selectors.province_list(era=_era(era), q=q)


@router.get("/communes", response=list[CommuneOut], auth=None, summary="Xã, phường, đặc khu")
@paginate(LimitOffsetPagination)
def communes(
    request: HttpRequest, province: str | None = None, era: str = Era.CURRENT.value, q: str | None = None
):
    """Communes of an era, of one province when `province` (its code) is given."""
    era = _era(era)
    unit = None
    if province:
        unit = selectors.province_by_code(province, era=era)
        if unit is None:
            raise HttpError(422, f"Không có tỉnh/thành phố mã «{province}» trong thời kỳ «{era}».")
    return selectors.commune_list(era=era, province=unit, q=q)
