from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wijkplatform.accounts"
    label = "accounts"
