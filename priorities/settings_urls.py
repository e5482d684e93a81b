"""The strategy's settings pages of the current partnership, under /settings/ (namespace "settings")."""

from django.urls import path

from priorities import settings_views as views

urlpatterns = [
    path("strategy/", views.StrategySettingsView.as_view(), name="strategy"),
    path("strategy/new/", views.StrategyStartView.as_view(), name="strategy_new"),
    path("strategy/roll-over/", views.StrategyStartView.as_view(rollover=True), name="strategy_rollover"),
    path("strategy/<int:pk>/", views.StrategyArchivedView.as_view(), name="strategy_detail"),
]
