"""The business manager's settings pages of the current partnership, under /settings/ (namespace "settings")."""

urlpatterns = []
