#!/usr/bin/env python3
"""가장 많이 본 뉴스 from real counts: the receiver of the article-view beacon (js/beacon.js),
and what turns its log into most-viewed.json for the day and the week.

    scripts/most-viewed.py serve --log beacon.log [--host 127.0.0.1] [--port 8787]
    scripts/most-viewed.py build --log beacon.log [--log …] --api <folder or base URL>
                                 --out dist/api/most-viewed.json [--removed dist/removed.json]
                                 [--top 10] [--now 2026-12-01T21:00:00+09:00]

A view is a POST (or GET) to /beacon?article=ID&section=NAME&ref=KIND, with no body, no cookie
and no Referer. `serve` answers 204 and appends one line per view to the log:

    2026-12-01T21:04:05+09:00 article=1065&section=%EC%9D%B8%EC%B2%9C&ref=portal

which is also what nginx writes with `log_format news_beacon '$time_iso8601 $args';` (see
deploy/nginx.conf), so either can feed `build`. The log holds no address, no identifier.

`build` reads the logs line by line (memory grows with the articles viewed, not the views),
counts the views of the last 24 hours and of the last 7 days, and writes the ten most viewed of
each (--top) as the contract's most-viewed.json: each article's summary read from the API
(`articles/{id}.json`), leaving out what the API no longer has and what removed.json names.
Lines that do not read (a bad time, an id that is not plain, a huge query) are skipped and
counted. Run it from cron every few minutes, then serve the file like the rest of the API.
"""

import argparse
import json
import os
import re
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
REFS = {"portal", "messenger", "search", "social", "other", "direct", "internal"}
QUERY_MAX = 1024
PERIODS = [("day", "일간", timedelta(days=1)), ("week", "주간", timedelta(days=7))]


def view_line(query, now):
    """The log line of one view, or None when the query is not one."""
    if len(query) > QUERY_MAX:
        return None
    fields = parse_qs(query, keep_blank_values=True)
    article = (fields.get("article") or [""])[0]
    if not ID.match(article):
        return None
    ref = (fields.get("ref") or [""])[0]
    section = (fields.get("section") or [""])[0][:40]
    clean = urlencode(
        {"article": article, "section": section, "ref": ref if ref in REFS else "other"}
    )
    return f"{now.isoformat(timespec='seconds')} {clean}\n"


def serve(args):
    with open(args.log, "a", encoding="utf-8") as log:
        receive(args, log)


def receive(args, log):
    lock = threading.Lock()

    class Beacon(BaseHTTPRequestHandler):
        def answer(self):
            parts = urlsplit(self.path)
            if parts.path != "/beacon":
                self.send_response(404)
                self.end_headers()
                return
            line = view_line(parts.query, datetime.now().astimezone())
            if line:
                with lock:
                    log.write(line)
                    log.flush()
            # 204 whatever came: a beacon has no one to tell.
            self.send_response(204)
            self.send_header("cache-control", "no-store")
            self.end_headers()

        do_GET = answer
        do_POST = answer

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer((args.host, args.port), Beacon)
    print(
        f"most-viewed.py: counting views at http://{args.host}:{server.server_port}/beacon into {args.log}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def read_logs(paths, now):
    """Views per article in each period, newest view per article (for ties), skipped lines."""
    counts = {key: Counter() for key, _, _ in PERIODS}
    latest = {}
    skipped = 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                at, _, query = line.strip().partition(" ")
                try:
                    when = datetime.fromisoformat(at)
                    if when.tzinfo is None:
                        raise ValueError
                except ValueError:
                    skipped += 1
                    continue
                fields = parse_qs(query[:QUERY_MAX])
                article = (fields.get("article") or [""])[0]
                if not ID.match(article) or when > now + timedelta(minutes=5):
                    skipped += 1
                    continue
                for key, _, span in PERIODS:
                    if when >= now - span:
                        counts[key][article] += 1
                latest[article] = max(latest.get(article, when), when)
    return counts, latest, skipped


def reader(api):
    """A function from an API path to its JSON, or None when there is none (404, unreadable)."""
    if re.match(r"^https?://", api):
        base = api.rstrip("/") + "/"

        def get(path):
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    return json.loads(response.read(4 * 1024 * 1024))
            except (urllib.error.URLError, ValueError, OSError):
                return None

        return get
    root = Path(api)

    def read(path):
        try:
            return json.loads((root / path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    return read


def text(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def summary(article, article_id):
    """The contract's Summary of an article answer, or None if it has no title."""
    if not isinstance(article, dict) or text(article.get("id")) != article_id:
        return None
    title = text(article.get("title"))
    if not title:
        return None
    out = {"id": article_id, "title": title}
    section = article.get("section")
    if isinstance(section, dict) and text(section.get("slug")) and text(section.get("name")):
        out["section"] = {"slug": text(section["slug"]), "name": text(section["name"])}
    subtitles = article.get("subtitles")
    lead = text(article.get("summary")) or (
        text(subtitles[0]) if isinstance(subtitles, list) and subtitles else None
    )
    if lead:
        out["summary"] = lead
    # The lead photo: the body's first image.
    blocks = article.get("body") if isinstance(article.get("body"), list) else []
    image = next(
        (b.get("image") for b in blocks if isinstance(b, dict) and b.get("type") == "image"), None
    )
    if isinstance(image, dict) and text(image.get("src")):
        out["thumbnail"] = {
            key: image[key] for key in ("src", "alt", "width", "height") if key in image
        }
    if text(article.get("published_at")):
        out["published_at"] = text(article["published_at"])
    return out


def build(args):
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC).astimezone()
    if now.tzinfo is None:
        sys.exit("most-viewed.py: --now needs an offset (+09:00)")
    counts, latest, skipped = read_logs(args.log, now)
    removed = set()
    if args.removed and Path(args.removed).exists():
        try:
            removed = set(json.loads(Path(args.removed).read_text(encoding="utf-8"))["articles"])
        except (OSError, ValueError, KeyError, TypeError):
            print(
                f"most-viewed.py: {args.removed} does not read; nothing left out", file=sys.stderr
            )
    get = reader(args.api)
    summaries = {}

    def summary_of(article_id):
        if article_id not in summaries:
            answer = get(f"articles/{quote(article_id, safe='')}.json")
            summaries[article_id] = summary(answer, article_id)
        return summaries[article_id]

    periods = []
    for key, label, _ in PERIODS:
        ranked = sorted(counts[key], key=lambda a: (-counts[key][a], -latest[a].timestamp(), a))
        articles = []
        for article_id in ranked:
            if len(articles) == args.top:
                break
            if article_id in removed:
                continue
            found = summary_of(article_id)
            if found:
                articles.append(found)
        periods.append({"key": key, "label": label, "articles": articles})
    document = {"updated_at": now.isoformat(timespec="seconds"), "periods": periods}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=out.parent, delete=False, encoding="utf-8") as tmp:
        json.dump(document, tmp, ensure_ascii=False, indent=1)
    os.replace(tmp.name, out)
    views = sum(counts["week"].values())
    print(
        f"most-viewed.py: {views} view(s) this week of {len(counts['week'])} article(s); "
        f"{skipped} line(s) skipped; {args.out} written"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    server = verbs.add_parser("serve", help="receive the beacon and write its log")
    server.add_argument("--log", required=True)
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8787)
    builder = verbs.add_parser("build", help="write most-viewed.json from the logs")
    builder.add_argument("--log", action="append", required=True)
    builder.add_argument("--api", required=True)
    builder.add_argument("--out", required=True)
    builder.add_argument("--removed")
    builder.add_argument("--top", type=int, default=10)
    builder.add_argument("--now")
    args = parser.parse_args()
    serve(args) if args.verb == "serve" else build(args)


if __name__ == "__main__":
    main()
