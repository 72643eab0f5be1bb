"""The JSON API, /api/v1/: one NinjaAPI that gathers each app's router."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="phoihop API",
    version="1",
    description="API của hệ thống phối hợp thực hiện công tác dân tộc.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

api.add_router("/reference", "phoihop.reference.api.router")
