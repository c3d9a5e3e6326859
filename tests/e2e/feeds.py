"""Reads every feed under a built site with feedparser, as feed readers do, and prints what
each says as JSON: bozo (malformed), its self link, its title and entry count."""

import json
import pathlib
import sys

import feedparser

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
found = {}
for file in sorted((dist / "rss").rglob("*.xml")):
    feed = feedparser.parse(file.read_bytes())
    found[file.relative_to(dist).as_posix()] = {
        "bozo": bool(feed.bozo),
        "problem": str(feed.get("bozo_exception", "")),
        "self": next(
            (link.href for link in feed.feed.get("links", []) if link.rel == "self"), None
        ),
        "title": feed.feed.get("title"),
        "entries": len(feed.entries),
        "dated": all(entry.get("published_parsed") for entry in feed.entries),
    }
print(json.dumps(found, ensure_ascii=False))
