from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is needed")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Visibility(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    MEMBERS = "members", _("Members of my wijken")
    NOBODY = "nobody", _("Only me")


class User(AbstractBaseUser, PermissionsMixin):
    """One account per person, across all the wijken they belong to."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name shown to others"), max_length=80, blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    bio = models.TextField(_("about me"), max_length=600, blank=True)
    languages = models.CharField(_("languages I speak"), max_length=200, blank=True,
                                 help_text=_("For example: Dutch, English, Turkish"))
    can_help_with = models.TextField(_("what I can help with"), max_length=600, blank=True)
    preferred_language = models.CharField(_("language of the site and emails"), max_length=10, blank=True)
    profile_visibility = models.CharField(
        _("who sees my profile (about me, languages, help)"), max_length=10,
        choices=Visibility.choices, default=Visibility.MEMBERS,
    )
    photo_visibility = models.CharField(_("who sees my photo"), max_length=10, choices=Visibility.choices,
                                        default=Visibility.MEMBERS)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform staff"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name or self.email.split("@")[0]

    @property
    def name(self):
        return str(self)

    @cached_property
    def has_mfa(self):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()


class AccessToken(models.Model):
    """A personal access token for the API. Only a hash is stored; the token itself is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Read: see what I can see")
        WRITE = "write", _("Read and write: post, comment, like, RSVP, ask for help")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(_("name"), max_length=80, help_text=_("What is it for? For example: my calendar app."))
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self):
        return self.scope == self.Scope.WRITE
