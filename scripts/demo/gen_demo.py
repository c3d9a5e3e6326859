#!/usr/bin/env python3
"""Writes the demo API (public/api/) from articles.py, following shared/api-contract.md.

Run from anywhere: python3 scripts/demo/gen_demo.py. The output is committed; rerun after
editing articles.py. Images come from gen_images.py (same folder).
"""

import json
import shutil
from pathlib import Path

from articles import ARTICLES
from policies import OFFICER, POLICIES

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "public" / "api"
OUTLET = "한가람일보"
PAGE_SIZE = 3  # small on purpose, so the demo sections have several pages

SECTIONS = [
    ("politics", "정치"),
    ("economy", "경제"),
    ("society", "사회"),
    ("gyeonggi", "경기"),
    ("incheon", "인천"),
    ("culture", "문화"),
    ("sports", "스포츠"),
]
SECTION_NAMES = dict(SECTIONS)

PHOTO_ALT = {
    "suwon-fortress": "조명이 켜진 수원 화성 성곽길",
    "bus-stop": "새벽 버스 정류장에서 첫차를 기다리는 시민들",
    "rice-field": "추수를 마친 여주의 논",
    "school-crossing": "초등학교 앞 횡단보도의 노란 발자국",
    "volunteers": "골목에서 연탄을 나르는 자원봉사자들",
    "harbor": "평택항 부두에 줄지어 선 수출 차량",
    "market": "전통시장 상인이 반찬을 포장하는 모습",
    "council": "경기도의회 본회의장",
    "incheon-bridge": "해 질 무렵의 인천대교",
    "concert": "시민 합창단과 연습하는 부천 필하모닉",
    "stadium": "결승골 뒤 기뻐하는 수원FC 선수들",
}
PHOTO_WIDTHS = (320, 640, 1200)


def image(name, alt, folder="photo", widths=PHOTO_WIDTHS, ratio=(3, 2), src_width=None):
    """An Image object; src is the given (or largest) rendition, srcset lists them all."""
    height = lambda w: w * ratio[1] // ratio[0]
    src_width = src_width or widths[-1]
    return {
        "src": f"/img/{folder}/{name}-{src_width}.webp",
        "alt": alt,
        "width": src_width,
        "height": height(src_width),
        "srcset": [{"src": f"/img/{folder}/{name}-{w}.webp", "width": w} for w in widths],
    }


def section(slug):
    return {"slug": slug, "name": SECTION_NAMES[slug]}


def summary(article):
    first_paragraph = next(b[1] for b in article["body"] if b[0] == "p")
    out = {
        "id": article["id"],
        "title": article["title"],
        "section": section(article["section"]),
        "summary": first_paragraph,
        "published_at": article["published"],
    }
    if article["photo"]:
        out["thumbnail"] = image(article["photo"], PHOTO_ALT[article["photo"]], src_width=640)
    return out


def block(raw):
    kind = raw[0]
    if kind == "p" and isinstance(raw[1], list):
        # Inline runs (docs/api-extensions.md): (text, marks) pairs, the plain text their join.
        runs = [{"text": text, **marks} for text, marks in raw[1]]
        return {"type": "paragraph", "text": "".join(run["text"] for run in runs), "runs": runs}
    if kind == "p":
        return {"type": "paragraph", "text": raw[1]}
    if kind == "h":
        return {"type": "heading", "text": raw[1]}
    if kind == "q":
        return {"type": "quote", "text": raw[1], "cite": raw[2]}
    if kind == "img":
        return {"type": "image", "image": image(raw[1], PHOTO_ALT[raw[1]]), "caption": raw[2]}
    if kind == "list":
        return {"type": "list", "items": raw[1]}
    raise ValueError(kind)


def reporter_slug(article):
    """The reporter's page key: their e-mail's local part, `.` as `-` (seoyeon.kim: seoyeon-kim)."""
    return article["email"].split("@")[0].replace(".", "-")


def newest_first(articles):
    return sorted(articles, key=lambda a: a["published"], reverse=True)


def write(path, data):
    path = API / path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_pages(folder, head, articles):
    """A list's pages, `{folder}/{n}.json` in the section-page shape: `head` (the section, the
    tag), then the page number, the number of pages and its articles; one empty page at least."""
    pages = [articles[i : i + PAGE_SIZE] for i in range(0, len(articles), PAGE_SIZE)] or [[]]
    for number, page in enumerate(pages, start=1):
        write(
            f"{folder}/{number}.json",
            {
                **head,
                "page": number,
                "total_pages": len(pages),
                "articles": [summary(a) for a in page],
            },
        )


def main():
    if API.exists():
        shutil.rmtree(API)
    by_id = {a["id"]: a for a in ARTICLES}
    by_section = {
        slug: newest_first([a for a in ARTICLES if a["section"] == slug]) for slug, _ in SECTIONS
    }

    write(
        "site.json",
        {
            "name": OUTLET,
            "tagline": "경기·인천의 오늘을 기록합니다",
            "sections": [section(slug) for slug, _ in SECTIONS],
            "footer": {
                "publisher": "(주)한가람미디어",
                "address": "경기도 수원시 팔달구 가상로 12 한가람빌딩",
                "phone": "031-000-0000",
                "registration": "경기 아00000",
                # Extensions of the contract (docs/api-extensions.md).
                "registered_on": "2012.03.02",
                "issuer": "박한결",
                "editor": "최바른",
                "youth_officer": OFFICER,
                "policies": [{"slug": slug, "title": title} for slug, title, _, _ in POLICIES],
                "copyright": "© 2026 한가람일보. 이 사이트의 기사는 무단 전재와 재배포를 금합니다.",
            },
        },
    )

    cities = [
        ("서울", "partly_cloudy", 8.4),
        ("인천", "cloudy", 7.9),
        ("수원", "clear", 9.1),
        ("춘천", "clear", 4.2),
        ("강릉", "clear", 11.3),
        ("청주", "overcast", 8.0),
        ("대전", "overcast", 9.6),
        ("전주", "rain", 10.2),
        ("광주", "rain", 11.8),
        ("대구", "cloudy", 12.5),
        ("안동", "partly_cloudy", 7.0),
        ("포항", "clear", 13.4),
        ("울산", "clear", 13.9),
        ("부산", "partly_cloudy", 15.2),
        ("창원", "cloudy", 14.1),
        ("제주", "shower", 16.5),
        ("백령도", None, 6.0),
    ]
    write(
        "weather.json",
        {
            "date": "2026-11-24",
            "observed_at": "2026-11-24T10:00:00+09:00",
            "provider": "기상청",
            "cities": [
                {"name": name, **({"sky": sky} if sky else {}), "temp_c": temp}
                for name, sky, temp in cities
            ],
        },
    )

    lead_ids = ["1065", "1051", "1059", "1055"]
    write(
        "home.json",
        {
            "lead": [summary(by_id[i]) for i in lead_ids],
            "sections": [
                {"section": section(slug), "articles": [summary(a) for a in by_section[slug][:3]]}
                for slug, _ in SECTIONS
            ],
        },
    )

    for slug, _ in SECTIONS:
        write_pages(f"sections/{slug}", {"section": section(slug)}, by_section[slug])

    # Extension of the contract: the policies the footer links to.
    for slug, title, effective, body in POLICIES:
        write(
            f"policies/{slug}.json",
            {"title": title, "updated_at": effective, "body": [block(b) for b in body]},
        )

    # Extension of the contract: every tag's articles, newest first, in the section-page shape.
    for tag in sorted({tag for article in ARTICLES for tag in article["tags"]}):
        write_pages(
            f"tags/{tag}", {"tag": tag}, newest_first([a for a in ARTICLES if tag in a["tags"]])
        )

    # Extension of the contract: every reporter's articles, newest first, in the section-page shape
    # with the reporter in place of the section; the byline's reporter_slug names the page.
    for slug in sorted({reporter_slug(a) for a in ARTICLES}):
        mine = newest_first([a for a in ARTICLES if reporter_slug(a) == slug])
        reporter = {
            "slug": slug,
            "name": mine[0]["reporter"],
            "outlet": OUTLET,
            "email": mine[0]["email"],
        }
        write_pages(f"reporters/{slug}", {"reporter": reporter}, mine)

    for article in ARTICLES:
        same_section = [a for a in by_section[article["section"]] if a["id"] != article["id"]]
        related = same_section[:2] + [by_id[i] for i in lead_ids if i != article["id"]][:1]
        out = {
            "id": article["id"],
            "section": section(article["section"]),
            "title": article["title"],
            "subtitles": article["subtitles"],
            "byline": {
                "outlet": OUTLET,
                "reporter": article["reporter"],
                "email": article["email"],
                # Extension of the contract: the reporter's page (docs/api-extensions.md).
                "reporter_slug": reporter_slug(article),
            },
            "published_at": article["published"],
            "body": [block(b) for b in article["body"]],
            "tags": article["tags"],
            "related": [summary(a) for a in related],
            # Extension of the contract: docs/api-extensions.md
            "reporter_articles": [
                summary(a)
                for a in newest_first(ARTICLES)
                if a["reporter"] == article["reporter"] and a["id"] != article["id"]
            ][:4],
        }
        # Extension of the contract: the older and the newer article of the same section.
        in_section = by_section[article["section"]]
        at = [a["id"] for a in in_section].index(article["id"])
        if at + 1 < len(in_section):
            out["previous"] = summary(in_section[at + 1])
        if at > 0:
            out["next"] = summary(in_section[at - 1])
        if "updated" in article:
            out["updated_at"] = article["updated"]
        write(f"articles/{article['id']}.json", out)

    day = ["1065", "1069", "1051", "1055", "1059", "1052", "1063", "1057", "1061", "1067"]
    week = ["1069", "1065", "1057", "1051", "1053", "1055", "1064", "1059", "1068", "1056"]
    write(
        "most-viewed.json",
        {
            "updated_at": "2026-11-24T10:00:00+09:00",
            "periods": [
                {"key": "day", "label": "일간", "articles": [summary(by_id[i]) for i in day]},
                {"key": "week", "label": "주간", "articles": [summary(by_id[i]) for i in week]},
            ],
        },
    )

    photo_items = []
    for article in newest_first([a for a in ARTICLES if a["photo"]])[:7]:
        caption = next(b[2] for b in article["body"] if b[0] == "img")
        photo_items.append(
            {
                "article_id": article["id"],
                "title": article["title"],
                "summary": caption,
                "image": image(article["photo"], PHOTO_ALT[article["photo"]]),
            }
        )
    photo_items.append(
        {
            "title": "[포토] 첫서리 내린 광교호수공원",
            "summary": "24일 아침 기온이 영하로 떨어진 수원 광교호수공원 산책로에 서리가 내려 있다.",
            "image": image("rice-field", "서리가 내린 호숫가 산책로"),
        }
    )
    write("photo-news.json", {"items": photo_items})

    videos = [
        ("수원 화성 야간 성곽길, 3분 만에 걸어 보기", 205),
        ("새벽 4시 첫차에 오른 사람들", 312),
        ("평택항 자동차 부두의 하루", 148),
        ("연탄 1만 장, 골목을 잇는 손과 손", 96),
        ("[인터뷰] 수원FC 잔류 결승골 주인공", 421),
    ]
    write(
        "sns-tv.json",
        {
            "items": [
                {
                    "title": title,
                    "url": f"https://tv.hangaram.example/watch/{n}",
                    "thumbnail": image(
                        f"tv-{n}",
                        f"{title} 영상 미리보기",
                        folder="tv",
                        widths=(320, 640),
                        ratio=(16, 9),
                    ),
                    "duration_s": seconds,
                }
                for n, (title, seconds) in enumerate(videos, start=1)
            ]
        },
    )

    def banner(name, width, height, alt, href):
        return {
            "image": {"src": f"/img/ad/{name}.webp", "alt": alt, "width": width, "height": height},
            "href": href,
            "alt": alt,
        }

    write(
        "banners.json",
        {
            "slots": {
                "top": [
                    banner(
                        "top",
                        970,
                        90,
                        "경기 지역화폐 연말 할인 행사 안내",
                        "https://ad.example/local-currency",
                    )
                ],
                "header_side": [
                    banner("header-side", 240, 60, "한가람일보 구독 신청", "/subscribe")
                ],
                "article_bottom": [
                    banner(
                        "article-bottom",
                        680,
                        120,
                        "수원 가을 축제 안내",
                        "https://ad.example/festival",
                    )
                ],
                "sidebar": [
                    banner(
                        "sidebar-1",
                        300,
                        250,
                        "경기도 일자리 박람회 안내",
                        "https://ad.example/jobs",
                    ),
                    banner(
                        "sidebar-2",
                        300,
                        250,
                        "인천 섬 여행 할인 안내",
                        "https://ad.example/islands",
                    ),
                ],
                "footer": [
                    banner("footer", 970, 90, "한가람 시민기자 모집", "https://ad.example/citizen")
                ],
            }
        },
    )


if __name__ == "__main__":
    main()
