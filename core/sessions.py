"""Django's session middleware, with the 503 page when a session cannot be saved because the
database is away or refuses writes (issue 19, finding 5).

Django turns a failed session update into SessionInterrupted, a 400 logged with a traceback: a
signed-in editor on a read-only database got "Bad request" on every admin page. The database,
not the request, is at fault, so she gets the 503 page ("nothing was saved, try again"), logged
once per interval like any outage."""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

from core import outage


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except SessionInterrupted as interrupted:
            error = outage.unavailable_error(interrupted)
            if error is None:
                raise
            return outage.unavailable(request, error)
