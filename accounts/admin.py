from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.invitations import partnership_invite_first_manager
from accounts.models import Agency, Membership, Partnership, User
from neglect_portal.forms import PortalFormMixin


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


class AgencyInline(admin.TabularInline):
    model = Agency
    extra = 0


class PartnershipAddForm(PortalFormMixin, forms.ModelForm):
    admin_email = forms.EmailField(
        label="First business manager's e-mail address",
        help_text="They are e-mailed an invitation to set their own password and set up the partnership.",
    )

    class Meta:
        model = Partnership
        fields = ["name", "short_name", "slug"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "steering_group_name", "board_name", "report_send_working_days"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AgencyInline]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:  # a new partnership comes with the invitation of its business manager
            kwargs["form"] = PartnershipAddForm
            kwargs["fields"] = ["name", "short_name", "slug", "admin_email"]
        return super().get_form(request, obj, **kwargs)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            invitation = partnership_invite_first_manager(obj, form.cleaned_data["admin_email"], operator=request.user)
            self.message_user(request, f"An invitation has been e-mailed to {invitation.email}.")


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
