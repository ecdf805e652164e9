import logging
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from .pagecache import PageCache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explainer.settings")
application = get_wsgi_application()

from .library import get_search_index  # noqa: E402 (needs the apps loaded)

if settings.PRODUCTION and get_search_index().loaded_from is None:
    logging.getLogger(__name__).warning(
        "The search index was built in this worker (slower start, more memory): "
        "run `manage.py buildsearchindex` before starting the server."
    )
if settings.PAGE_CACHE:
    # Pages marked public are answered again from memory without running Django (see pagecache.py).
    application = PageCache(application)
if settings.PRODUCTION and os.environ.get("WARM_UP", "1") == "1":
    from .library import get_library
    from .warmup import warm

    warm(application, get_library())
