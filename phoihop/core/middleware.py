from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than an upload may be, before the
    body is read: a 200 MB upload costs nothing and gets a clear message. A body that is
    not a file upload (a form, JSON) is held in memory, so its limit is Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE; past it the same kind of message is given here, rather
    than Django's bare "Bad Request" when the form is read."""

    MESSAGE = "Tệp tải lên quá lớn: tối đa {mb} MB."
    TEXT_MESSAGE = "Nội dung gửi lên quá lớn ({size} MB): tối đa {mb} MB."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        is_upload = (request.META.get("CONTENT_TYPE") or "").startswith("multipart/")
        message = None
        if length > settings.REQUEST_MAX_BYTES:
            message = self.MESSAGE.format(mb=settings.UPLOAD_MAX_BYTES // (1024 * 1024))
        elif not is_upload and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            message = self.TEXT_MESSAGE.format(
                size=f"{length / (1024 * 1024):.1f}".replace(".", ","),
                mb=settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
            )
        if message:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose another language with the switch (cookie).
    The browser's Accept-Language is not consulted: officers' machines are often set
    to English, and the interface must still open in Vietnamese."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
