app_name = "academy"
urlpatterns = []
