from django.contrib import admin

from .models import Membership, RoleAssignment, Wijk


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "city", "country", "time_zone", "is_active", "visibility"]
    list_filter = ["country", "is_active", "visibility", "join_policy"]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "wijk", "status", "joined_at"]
    list_filter = ["status", "wijk"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "wijk", "role", "granted_by", "granted_at"]
    list_filter = ["role", "wijk"]
    raw_id_fields = ["user", "granted_by"]
