"""The JSON API, /api/v1/: one NinjaAPI that gathers each app's router.

Errors come back as JSON in one shape, `{"detail": ...}`, with Vietnamese messages:

- a rule broken in a service (django ValidationError) → 422
  `{"detail": [{"loc": ["body", field], "msg": "..."}]}`, one item per message;
- a malformed request (ninja's own validation) → 422 in ninja's format, unchanged;
- no credentials where they are needed, or a bad/expired/revoked token → 401;
- not allowed (PermissionDenied) → 403 `{"detail": "..."}`;
- missing, or hidden from this user (Http404) → 404 `{"detail": "Không tìm thấy."}`.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

NOT_FOUND = "Không tìm thấy."
UNAUTHORIZED = "Cần đăng nhập, hoặc gửi mã truy cập API trong tiêu đề «Authorization: Bearer …»."

# The docs page is ninja's own template with swagger-ui from ninja's static files (no CDN).
# It holds up under the site's strict policy (SECURE_CSP: script-src and style-src 'self'),
# so the docs view needs no csp_override: the template has no inline script (the settings are a
# <script type="application/json"> data block, which is never executed, read by the external
# swagger-ui-init.js), no <style> and no style attribute; swagger-ui 5 (React) sets styles
# through the CSSOM, which CSP does not govern, and markdown it renders is sanitised with
# style attributes removed; its icons are data: images, which img-src allows.
# validatorUrl=None: swagger-ui would otherwise show a badge loaded from validator.swagger.io.
api = NinjaAPI(
    title="phoihop API",
    version="1",
    description=(
        "API của hệ thống phối hợp thực hiện công tác dân tộc. Xác thực bằng mã truy cập "
        "(`Authorization: Bearer <mã>`, tạo bằng lệnh `phoihop token create`) hoặc phiên đăng nhập "
        "của trình duyệt (khi ghi cần mã CSRF)."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

api.add_router("/reference", "phoihop.reference.api.router")
api.add_router("/agencies", "phoihop.agencies.api.router")
api.add_router("/programs", "phoihop.programs.api.router")
api.add_router("/activities", "phoihop.activities.api.router")
api.add_router("/provinces", "phoihop.activities.api.province_router")
api.add_router("/indicators", "phoihop.indicators.api.router")
api.add_router("/programs", "phoihop.reviews.api.program_router")
api.add_router("/reviews", "phoihop.reviews.api.router")
api.add_router("/followups", "phoihop.reviews.api.followup_router")
api.add_router("/findings", "phoihop.reviews.api.finding_router")
api.add_router("/exemplars", "phoihop.people.api.router")
api.add_router("/reports", "phoihop.reports.api.router")
api.add_router("/articles", "phoihop.news.api.router")
api.add_router("/search", "phoihop.news.api.search_router")


def _loc(field: str) -> list:
    """'title' → ["body", "title"]; 'parties.1.agency_id' → ["body", "parties", 1, "agency_id"]."""
    return ["body", *(int(part) if part.isdigit() else part for part in field.split("."))]


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        pairs = [(field, message) for field, messages in exc.message_dict.items() for message in messages]
    else:
        pairs = [(NON_FIELD_ERRORS, message) for message in exc.messages]
    detail = [{"loc": _loc(field), "msg": message} for field, message in pairs]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    # ninja raises a bare AuthenticationError ("Unauthorized") when no credentials were sent;
    # api_auth raises its own, with a Vietnamese message, for a bad token.
    message = UNAUTHORIZED if exc.message == "Unauthorized" else exc.message
    response = api.create_response(request, {"detail": message}, status=exc.status_code)
    response["WWW-Authenticate"] = "Bearer"
    return response
