"""The authentication backend: allauth's, with the logged-in person kept in each web process.

Every request of a member reads their row to know who they are. Each process keeps the rows it read last,
with the person's version (`pagecache.person_version`), which is read in the round trip a member's page
makes anyway: a member's page then costs no query to find out who they are. Any save of the row (a new
password, name or language, a deactivation, an erasure) makes a new version, so no process goes on using
the old row. The rows stay in the process's memory: password hashes are not put in the shared cache.
With `KEEP_PEOPLE_IN_PROCESS` off (the default without Redis), every request reads the row.
"""

import pickle

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings

from wijkplatform.core import pagecache
from wijkplatform.core.lastused import LastUsed

_kept = LastUsed(1000)  # person id: (version, their row pickled)


class PersonBackend(AuthenticationBackend):
    def get_user(self, user_id):
        version = pagecache.person_version(user_id) if settings.KEEP_PEOPLE_IN_PROCESS else None
        if version is None:  # no shared cache: read as Django does
            return super().get_user(user_id)
        held = _kept.get(user_id)
        if held is not None and held[0] == version:
            # Each request gets its own copy: a view may change the person it is given (a form bound to it).
            return pickle.loads(held[1])  # noqa: S301 - pickled by this process, below
        person = super().get_user(user_id)  # None for an unknown or deactivated person: not kept
        if person is not None:
            _kept.put(user_id, (version, pickle.dumps(person)))
        return person


def forget_kept_people():
    _kept.clear()
