from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "wijkplatform.budget"
    label = "budget"
