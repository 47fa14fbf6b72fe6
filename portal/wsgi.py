import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# APP_SERVER_NAME: each app server behind the proxy names itself in a header, so operators (and the
# load test in bench/stack/) can tell which server answered. Unset: no header.
_server_name = os.environ.get("APP_SERVER_NAME", "")
if _server_name:
    _django_application = application

    def application(environ, start_response):  # type: ignore[no-redef]
        def named_start_response(status, headers, exc_info=None):
            return start_response(status, [*headers, ("X-App-Server", _server_name)], exc_info)

        return _django_application(environ, named_start_response)
