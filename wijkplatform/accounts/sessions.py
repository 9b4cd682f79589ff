"""The session store with Redis: Django's cached_db, whose read of a member's session brings what their page
reads next in the same round trip (their version, the wijk's versions, their unread counts).

A session belongs to one person for as long as its key lives (logging in gives a new key), so a process that
served a session once knows whose it is: the next time, it reads the session together with that person's
version (`pagecache.read_with_versions`) instead of one after the other.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import cached_db

from wijkplatform.core import pagecache
from wijkplatform.core.lastused import LastUsed

_person_of_session = LastUsed(10_000)  # session key: person id, for the sessions this process served last


class SessionStore(cached_db.SessionStore):
    def load(self):
        person_id = _person_of_session.get(self.session_key)
        data = None
        if person_id is not None and settings.KEEP_PEOPLE_IN_PROCESS and settings.SESSION_CACHE_ALIAS == "default":
            data = pagecache.read_with_versions(self.cache_key, person_id)
        if data is None:  # a session new to this process, or no longer in the cache: as cached_db reads it
            data = super().load()
        if SESSION_KEY in data and self.session_key:
            _person_of_session.put(self.session_key, get_user_model()._meta.pk.to_python(data[SESSION_KEY]))
        return data


def forget_known_sessions():
    _person_of_session.clear()
