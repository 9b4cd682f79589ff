"""The session store with Redis: Django's cached_db, whose read of a member's session brings what their page
reads next in the same round trip (their version, the wijk's versions, their unread counts).

A session belongs to one person for as long as its key lives (logging in gives a new key), so a process that
served a session once knows whose it is: the next time, it reads the session together with that person's
version (`pagecache.read_with_versions`) instead of one after the other.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import cached_db

from wijkplatform.core import pagecache

KNOWN_SESSIONS = 10_000
_person_of_session = OrderedDict()  # session key: person id, for the sessions this process served last
_lock = threading.Lock()


class SessionStore(cached_db.SessionStore):
    def load(self):
        with _lock:
            person_id = _person_of_session.get(self.session_key)
        data = None
        if person_id is not None and settings.KEEP_PEOPLE_IN_PROCESS and settings.SESSION_CACHE_ALIAS == "default":
            data = pagecache.read_with_versions(self.cache_key, person_id)
        if data is None:  # a session new to this process, or no longer in the cache: as cached_db reads it
            data = super().load()
        if SESSION_KEY in data and self.session_key:
            person_id = get_user_model()._meta.pk.to_python(data[SESSION_KEY])
            with _lock:
                _person_of_session[self.session_key] = person_id
                _person_of_session.move_to_end(self.session_key)
                while len(_person_of_session) > KNOWN_SESSIONS:
                    _person_of_session.popitem(last=False)
        return data


def forget_known_sessions():
    with _lock:
        _person_of_session.clear()
