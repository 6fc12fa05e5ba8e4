#!/usr/bin/env python3
"""Prints the messages of a maildir (as written by aiosmtpd's Mailbox handler) as JSON:
[{"to", "from", "subject", "content_type", "text", "html", "text_charset", "attachments"}], oldest
first; "attachments" lists each attached file as {"filename", "content_type", "content"} (text).
Python's email package does the MIME decoding, so the tests read what a mail client would show."""
import json
import mailbox
import sys
from email import policy
from email.parser import BytesParser


def main(path):
    out = []
    box = mailbox.Maildir(path, factory=None, create=False)
    keys = sorted(box.keys(), key=lambda k: box.get_file(k).name if hasattr(box.get_file(k), 'name') else k)
    for key in keys:
        raw = box.get_bytes(key)
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        text = msg.get_body(preferencelist=('plain',))
        html = msg.get_body(preferencelist=('html',))
        out.append({
            'to': str(msg['To']),
            'from': str(msg['From']),
            'subject': str(msg['Subject']),
            'content_type': msg.get_content_type(),
            'text': text.get_content() if text else None,
            'html': html.get_content() if html else None,
            'text_charset': text.get_content_charset() if text else None,
            'date': str(msg['Date']),
            'message_id': str(msg['Message-ID']),
            'attachments': [{
                'filename': part.get_filename(),
                'content_type': part.get_content_type(),
                'content': part.get_content() if part.get_content_maintype() == 'text' else None,
            } for part in msg.iter_attachments()],
        })
    out.sort(key=lambda m: m['date'])
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1])
