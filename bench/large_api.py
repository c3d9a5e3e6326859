#!/usr/bin/env python3
"""A large news API in a folder, for measuring the prerender command at scale: N articles
(default 10,000) spread over the demo's sections, newest first, 20 to a section page and to a
keyword page (the demo articles' tags), with the demo's bodies, images, policies and shared
files. Used by scripts/bench; not a test fixture.

    python3 bench/large_api.py OUT_DIR [N]
"""

import json
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

PER_PAGE = 20
KST = timezone(timedelta(hours=9))


def write_pages(folder, head, items):
    """A list's pages, `{folder}/{n}.json`: `head` (the section, the tag), the page number, the
    number of pages and its summaries; one empty page at least."""
    pages = max(1, (len(items) + PER_PAGE - 1) // PER_PAGE)
    folder.mkdir(parents=True)
    for page in range(1, pages + 1):
        chunk = items[(page - 1) * PER_PAGE : page * PER_PAGE]
        body = {**head, "page": page, "total_pages": pages, "articles": chunk}
        (folder / f"{page}.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


def main():
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    demo = Path("public/api")
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    for name in [
        "site.json",
        "weather.json",
        "most-viewed.json",
        "photo-news.json",
        "sns-tv.json",
        "banners.json",
    ]:
        shutil.copy(demo / name, out / name)
    shutil.copytree(demo / "policies", out / "policies")
    site = json.loads((demo / "site.json").read_text(encoding="utf-8"))
    sections = site["sections"]
    bodies = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((demo / "articles").glob("*.json"))
    ]
    start = datetime(2026, 11, 25, 12, 0, tzinfo=KST)
    listed = {section["slug"]: [] for section in sections}
    tagged = {}
    newest = []
    for n in range(count):
        template = bodies[n % len(bodies)]
        section = sections[n % len(sections)]
        published = (start - timedelta(minutes=17 * n)).isoformat()
        article = dict(template)
        article.update(
            id=str(100000 + n),
            section=section,
            published_at=published,
            updated_at=None,
            title=f"{template['title']} ({n + 1}번째)",
            related=[],
            reporter_articles=[],
        )
        (out / "articles" / f"{article['id']}.json").write_text(
            json.dumps(article, ensure_ascii=False), encoding="utf-8"
        )
        summary = {
            "id": article["id"],
            "title": article["title"],
            "section": section,
            "summary": (template.get("subtitles") or [""])[0],
            "published_at": published,
        }
        listed[section["slug"]].append(summary)
        for tag in article.get("tags", []):
            tagged.setdefault(tag, []).append(summary)
        if len(newest) < 10:
            newest.append(summary)
    for section in sections:
        write_pages(
            out / "sections" / section["slug"], {"section": section}, listed[section["slug"]]
        )
    for tag, items in tagged.items():
        write_pages(out / "tags" / tag, {"tag": tag}, items)
    home = {
        "lead": newest[:5],
        "sections": [{"section": s, "articles": listed[s["slug"]][:5]} for s in sections],
    }
    (out / "home.json").write_text(json.dumps(home, ensure_ascii=False), encoding="utf-8")
    print(f"{count} articles in {out}")


if __name__ == "__main__":
    main()
