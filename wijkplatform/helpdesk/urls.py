app_name = "helpdesk"
urlpatterns = []
