"""Authentication for the JSON API: `Authorization: Bearer <token>` or the browser session.

A request without credentials goes on as anonymous (public endpoints answer it; others
say 401); a request with a bad, expired or revoked token is refused with 401 whatever
the endpoint.
"""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError, HttpError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from phoihop.accounts.services import token_authenticate


class TokenOrSession(AuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"

    def __init__(self, *, required: bool):
        self.required = required
        super().__init__()

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, raw = header.partition(" ")
            user = token_authenticate(raw.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                raise AuthenticationError(401, "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            request.user = user
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A session cookie is sent by the browser on its own: writes need the CSRF token.
            if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request):
                raise HttpError(403, "Thiếu hoặc sai mã chống giả mạo (CSRF).")
            return user
        if self.required:
            return None
        request.user = AnonymousUser()
        return request.user


required = TokenOrSession(required=True)
optional = TokenOrSession(required=False)
