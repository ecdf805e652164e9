"""Log filters for settings.LOGGING."""

import copy
import logging

MAX_MESSAGE = 300  # characters: a hostile Host header or path may be kilobytes long


class ClientErrorsOnOneLine(logging.Filter):
    """A client's bad request (a 4xx, or anything Django's security loggers report: a bad Host, a body too
    large, too many fields) becomes one WARNING line without a traceback: a hostile client can send
    thousands, and they are not bugs. Server errors keep their traceback.

    Set on a handler, it changes only what that handler writes (a filter may return a new record since
    Python 3.12), so other handlers, and the tests' log capture, still get the original record."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if not (record.name.startswith("django.security.") or (status is not None and 400 <= status < 500)):
            return True
        line = copy.copy(record)
        line.msg = " ".join(record.getMessage().split())[:MAX_MESSAGE]
        line.args = None
        line.exc_info = line.exc_text = line.stack_info = None
        if line.levelno > logging.WARNING:
            line.levelno, line.levelname = logging.WARNING, "WARNING"
        return line
