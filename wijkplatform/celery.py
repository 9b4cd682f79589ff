import os

from celery import Celery

from wijkplatform.core.celery_fixes import install as install_celery_fixes

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkplatform.settings")

# Work-arounds for Celery/kombu bugs, before any connection is made (see core/celery_fixes.py): the worker
# would otherwise exit when Redis goes away while it holds a task.
install_celery_fixes()

app = Celery("wijkplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
