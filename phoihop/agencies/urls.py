app_name = "agencies"
urlpatterns = []
