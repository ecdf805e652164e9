"""Response headers Django does not send by itself."""

# The site uses none of these browser features; saying so stops any embedded or injected code from
# asking for them. (Clipboard writing, used by "Copy" buttons, stays allowed for the site itself.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
