#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd), keeping what it receives.

Usage: /usr/bin/python3 tests/http/smtp_sink.py DIR [--fail N]

Listens on a free port of 127.0.0.1 and prints "ready PORT" on stdout once it accepts
connections. Every message accepted is written to DIR as NNNN.eml (the bytes received) and
NNNN.json: the envelope (mail_from, rcpt_tos) and the message as Python's email package reads
it with the strict default policy -- decoded headers, each part's type, charset, transfer
encoding, language and decoded text, and every defect the parser found -- so that tests check
the MIME structure with a parser other than ours. Files appear atomically (written, then
renamed). With --fail N, the first N messages are refused with a temporary error (451), to
exercise retries. Stops on SIGTERM or SIGINT.

Debian installs aiosmtpd for /usr/bin/python3, not for other Pythons on the PATH (pyenv),
hence the explicit interpreter.
"""
import argparse
import email
import email.policy
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in msg.iter_parts() if msg.is_multipart() else [msg]:
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "language": part.get("Content-Language"),
            "text": part.get_content(),
            "defects": [type(d).__name__ for d in part.defects],
        })
    return {
        "headers": {k: str(v) for k, v in msg.items()},
        "subject": str(msg["subject"]),
        "type": msg.get_content_type(),
        "defects": [type(d).__name__ for d in msg.defects],
        "parts": parts,
    }


class Sink:
    def __init__(self, folder, fail):
        self.folder = folder
        self.fail = fail
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail > 0:
                self.fail -= 1
                return "451 4.3.0 Try again later (test sink)"
            self.count += 1
            n = self.count
        raw = envelope.original_content or envelope.content
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, **describe(raw)}
        base = os.path.join(self.folder, "%04d" % n)
        for ext, data in ((".eml", raw), (".json", json.dumps(record, indent=1).encode())):
            with open(base + ext + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + ext + ".tmp", base + ext)
        return "250 2.0.0 OK"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--fail", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    sink = Sink(args.folder, args.fail)
    controller = None
    for _ in range(5):
        try:
            controller = Controller(sink, hostname="127.0.0.1", port=free_port())
            controller.start()
            break
        except Exception:  # the port was taken between the probe and the bind
            controller = None
    if controller is None:
        sys.stdout.write("cannot listen\n")
        return 1
    sys.stdout.write("ready %d\n" % controller.port)  # one write: readers may stop at the first line
    sys.stdout.flush()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.2):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
