from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path),
        # Only base.html's <head> reads it, so fragments never build it. A view may set its own.
        "share_card": SimpleLazyObject(lambda: _share_card(request)),
    }


def _share_card(request):
    from .views.share import share_card  # the views import the content library; load it only when asked

    return share_card(request)
