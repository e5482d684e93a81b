"""The pages of the ``priorities`` namespace: strategies and priorities, and setting them up.

The root URL conf gives the namespace and adds a priority's page (``priorities:detail``), which is the
actions app's: a priority's page is the table of its actions.
"""

from django.urls import path

from priorities import views

urlpatterns = [
    path("", views.PriorityListView.as_view(), name="list"),
    path("<int:pk>/change/", views.PriorityUpdateView.as_view(), name="update"),
    path("strategies/new/", views.StrategyCreateView.as_view(), name="strategy_create"),
    path("strategies/<int:pk>/change/", views.StrategyUpdateView.as_view(), name="strategy_update"),
    path("strategies/<int:strategy_pk>/priorities/new/", views.PriorityCreateView.as_view(), name="create"),
]
