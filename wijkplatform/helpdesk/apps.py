from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "wijkplatform.helpdesk"
    label = "helpdesk"

    def ready(self):
        # Failed Celery tasks are stored for the wijk health page, in web and worker processes alike.
        from .taskfailures import connect

        connect()
