from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "down"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception=None):
    """400 page. A form whose fields are larger than Django holds in memory is refused
    while the form is read (before any view): say so, with the limit, in Vietnamese."""
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig
    from django.http import HttpResponseBadRequest

    if isinstance(exception, RequestDataTooBig):
        mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = f"Nội dung gửi lên quá lớn: phần chữ của biểu mẫu tối đa {mb} MB. Hãy chia nhỏ rồi gửi lại."
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    return HttpResponseBadRequest("Yêu cầu không hợp lệ.", content_type="text/plain; charset=utf-8")
