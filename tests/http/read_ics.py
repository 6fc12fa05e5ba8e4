#!/usr/bin/python3
"""Reads an iCalendar file on stdin with Debian's python3-icalendar (run it with /usr/bin/python3)
and prints it as JSON: {"name": X-WR-CALNAME or null, "timezones": [TZID...], "events": [{uid,
sequence, status, dtstart, all_day, tzid, summary, url}]}, dtstart being "YYYY-MM-DD" for an all-day
event, else the instant in UTC as "YYYY-MM-DDTHH:MM:SSZ". A file that does not parse exits 1."""
import datetime
import json
import sys

import icalendar


def event(ev):
    start = ev.decoded("dtstart")
    all_day = not isinstance(start, datetime.datetime)
    if not all_day:
        start = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        start = start.isoformat()
    return {
        "uid": str(ev.get("uid")),
        "sequence": int(ev.get("sequence", 0)),
        "status": str(ev.get("status")),
        "dtstart": start,
        "all_day": all_day,
        "tzid": ev["dtstart"].params.get("TZID"),
        "summary": str(ev.get("summary")),
        "url": str(ev.get("url")),
    }


def main():
    cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    name = cal.get("x-wr-calname")
    print(json.dumps({
        "name": str(name) if name is not None else None,
        "timezones": [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")],
        "events": [event(ev) for ev in cal.walk("VEVENT")],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
