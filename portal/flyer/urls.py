from django.urls import path

from portal.flyer import views

app_name = "flyer"

urlpatterns = [
    path("flyer/", views.preview, name="preview"),
    # MEDIA_URL + logo_path(): uploaded logos only through this permission-checked view.
    path("media/flyer/logos/<str:name>", views.logo, name="logo"),
    # Printed QR codes point here: the path must never change.
    path("seks-grunde/", views.six_reasons, name="six_reasons"),
    path("flyer.pdf", views.pdf, name="pdf"),
    path("flyer/flyer.css", views.stylesheet, name="css"),
    path("flyer/send/", views.send, name="send"),
    path("flyer/contact/", views.contact_edit, name="contact_edit"),
    path("flyer/text/", views.text_versions, name="text_versions"),
    path("flyer/text/new/", views.text_new, name="text_new"),
    path("flyer/text/<int:pk>/", views.text_detail, name="text_detail"),
    path("flyer/text/<int:pk>.pdf", views.text_pdf, name="text_pdf"),
    path("flyer/text/<int:pk>/publish/", views.text_publish, name="text_publish"),
]
