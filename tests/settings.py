"""Settings for the test suite: development mode, switched on explicitly (the default is production).

`make test` sets DEBUG=1 itself; this keeps a bare `pytest` run working the same way."""

import os

os.environ.setdefault("DEBUG", "1")

from portal.settings import *  # noqa: E402, F403
