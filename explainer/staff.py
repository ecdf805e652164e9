"""Sign-in for editors: django-axes counts failed admin logins per address and per account (settings.AXES_*)."""

import ipaddress

from axes.backends import AxesStandaloneBackend


def client_ip(request) -> str | None:
    """The address axes counts failures against: the same one the rate limits use, so trusting a proxy's
    X-Forwarded-For is configured in one place (explainer.feedback.ratelimit). Axes stores it in an IP
    address column (PostgreSQL's inet refuses anything else), so a value that is no address falls back to
    the connection's own."""
    from .feedback.ratelimit import client_address  # imported late: settings name this module by path

    try:
        return str(ipaddress.ip_address(client_address(request).strip()))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None


class LoginThrottle(AxesStandaloneBackend):
    """Refuses a locked-out address or account before any password is hashed. A sign-in without a request
    (manage.py shell, the test client's login()) did not come over the web: it is passed on to the next
    backend instead of raising, as axes would."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
