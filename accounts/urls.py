from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("partnership/", views.ChoosePartnershipView.as_view(), name="choose_partnership"),
]
