from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path),
    }
