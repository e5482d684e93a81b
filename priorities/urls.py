from django.urls import path

from priorities import views

app_name = "priorities"

urlpatterns = [
    path("", views.PriorityListView.as_view(), name="list"),
    path("<int:pk>/", views.PriorityDetailView.as_view(), name="detail"),
    path("<int:pk>/change/", views.PriorityUpdateView.as_view(), name="update"),
    path("strategies/new/", views.StrategyCreateView.as_view(), name="strategy_create"),
    path("strategies/<int:pk>/change/", views.StrategyUpdateView.as_view(), name="strategy_update"),
    path("strategies/<int:strategy_pk>/priorities/new/", views.PriorityCreateView.as_view(), name="create"),
]
