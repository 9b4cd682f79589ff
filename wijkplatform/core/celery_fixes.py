"""Work-arounds for bugs in Celery/kombu that the platform meets. Each says what goes wrong, why, and when to
remove it. `install()` is called by the Celery app module (wijkplatform/celery.py), so every process that
loads the app (the worker above all) has them.

1. The worker exits when Redis goes away while it holds a task (kombu 5.7.0 with Celery 5.7.0).

   When the broker connection breaks, Celery's `Consumer.on_connection_error_after_connected` calls
   `connection.collect()` and then `connection.close()`. For Redis, `collect()` closes the channels and then
   drops the transport's client (`Transport.client = None`). Closing the task channel starts by reading the
   reply of the BRPOP it has outstanding (`Channel.close`: `if self._in_poll: self._brpop_read()`, a read
   added so that a task Redis already popped is not lost at shutdown). On a dead connection that read raises
   a connection error; `close()` only expects `Empty`, so it stops there: the channel stays open, its
   unacknowledged tasks not restored. `collect()` ignores the error and drops the client anyway. Celery's
   `close()` then closes that channel a second time: the BRPOP is gone now, so it gets further, throws away
   its Redis connection pool, and tries to restore the unacknowledged tasks; a new pool needs the Redis
   address from `Transport.client`, which is None: `AttributeError: 'NoneType' object has no attribute
   'hostname'`. That is not a connection error, so it escapes `ignore_errors()` and the reconnect path, and
   the worker stops ("Unrecoverable error").

   It happens when the channel had a BRPOP outstanding (a free pool slot while another task runs unacked:
   concurrency 2 or more) and the worker notices the outage on another socket first (the pub/sub one of
   remote control or gossip); when the BRPOP socket is read first, the read clears `_in_poll` itself and
   all goes well. Hence "two of three runs". With `acks_late` off there is nothing to restore and no crash.

   The fix: read the pending BRPOP reply before the original `close()`, as it would, but let a connection
   error there mean "there is no reply" (the connection is dead; `_brpop_read` has already disconnected it
   and cleared `_in_poll`). `close()` then finishes in `collect()`, while the transport still has its
   client: it tries to put the unacknowledged tasks back (with Redis down that fails and they stay in Redis's
   `unacked` hash, where the visibility timeout finds them), keeps a pool with the right address (so the
   late acknowledgement of a task that finishes after the reconnect reaches Redis), and Celery's second
   `close()` is a no-op. Only connection errors of that one read are caught; everything else propagates as
   before. Test: core/tests/test_celery_broker_loss.py (a real worker, a real redis-server stopped and
   started again).

   Applied to kombu up to 5.7.x (5.7.0 is the newest release, November 2026). A newer kombu gets no patch:
   run that test; if it passes, delete this fix; if it fails, check that kombu's `Channel.close` still reads
   the BRPOP reply unguarded and raise the bound.
"""

import logging
from queue import Empty

import kombu

logger = logging.getLogger(__name__)

PATCHED_UP_TO = (5, 7)  # kombu (major, minor): the newest version checked to need fix 1


def install():
    _redis_close_survives_a_dead_brpop()


def _redis_close_survives_a_dead_brpop():
    if tuple(kombu.VERSION[:2]) > PATCHED_UP_TO:
        return
    try:
        from kombu.transport import redis as redis_transport
    except ImportError:  # the redis package is not installed: no Redis transport to fix
        return
    channel_class = redis_transport.Channel
    original_close = channel_class.close
    if getattr(original_close, "wijk_fix", False):
        return  # installed already

    def close(self):
        if self._in_poll:
            try:
                self._brpop_read()
            except Empty:
                pass
            except self.connection_errors as error:
                # The connection is dead, so no reply will come: go on closing (see fix 1 above).
                logger.debug("Redis channel closed with its BRPOP reply lost: %r", error)
        return original_close(self)

    close.wijk_fix = True
    close.__doc__ = original_close.__doc__
    channel_class.close = close
