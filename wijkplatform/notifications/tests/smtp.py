"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), which can be stopped and started again."""

import socket
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "message": message_from_bytes(envelope.original_content)}
        )
        return "250 OK"


class SMTPServer:
    def __init__(self):
        self.port = free_port()
        self.collector = Collector()
        self.controller = None

    def start(self):
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.collector.messages
