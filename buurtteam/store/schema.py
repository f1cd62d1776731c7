"""The schema revisions this version of the app knows, newest last.

Kept in plain code so opening an up-to-date file needs no Alembic import; a test checks
that `HEAD_REVISION` is Alembic's head.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]
