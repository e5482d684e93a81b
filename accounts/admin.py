from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Agency, Membership, Partnership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["partnership", "agency"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "job_title", "is_active", "last_login"]
    list_filter = ["is_active", "is_superuser", "memberships__partnership", "memberships__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["first_name", "last_name", "job_title"]}),
        ("Permissions", {"fields": ["is_active", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        # Only platform operators (superusers) use the admin; nobody else is staff.
        obj.is_staff = obj.is_superuser
        super().save_model(request, obj, form, change)


# API tokens are issued and revoked by each person for themselves, never here.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


class AgencyInline(admin.TabularInline):
    model = Agency
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "steering_group_name", "board_name", "report_send_working_days"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AgencyInline]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "partnership"]
    list_filter = ["partnership", "sector"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "role", "agency", "is_active"]
    list_filter = ["partnership", "role", "is_active"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "partnership", "agency"]
    list_select_related = ["user", "partnership", "agency"]
