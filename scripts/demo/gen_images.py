#!/usr/bin/env python3
"""Draws the demo images (public/img/) as small WebP files: article photos in three widths for
srcset, SNS TV thumbnails, and ad banners. Scenes are abstract but distinct, seeded by name so
reruns give the same files. Needs Pillow (pip install pillow) and, for banner text, the Noto
CJK font (apt-get install fonts-noto-cjk). The output is committed.
"""

import hashlib
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "public" / "img"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")

PALETTES = {
    "suwon-fortress": [(24, 30, 64), (214, 140, 60), (120, 70, 40)],
    "bus-stop": [(20, 28, 48), (60, 90, 140), (230, 200, 90)],
    "rice-field": [(150, 190, 230), (210, 170, 80), (120, 100, 50)],
    "school-crossing": [(180, 200, 220), (250, 210, 40), (70, 70, 75)],
    "volunteers": [(200, 205, 215), (60, 60, 60), (200, 60, 50)],
    "harbor": [(120, 170, 220), (40, 80, 130), (220, 220, 225)],
    "market": [(240, 200, 150), (200, 80, 50), (90, 130, 60)],
    "council": [(230, 225, 210), (120, 40, 40), (60, 50, 45)],
    "incheon-bridge": [(250, 150, 90), (60, 50, 90), (30, 30, 45)],
    "concert": [(20, 15, 30), (240, 210, 140), (150, 40, 60)],
    "stadium": [(40, 60, 120), (40, 150, 60), (240, 240, 240)],
}


def rng_for(name):
    return random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))


def scene(name, size, palette):
    """Sky gradient, a horizon of shapes, some highlights: enough to read as a photo slot."""
    w, h = size
    rng = rng_for(name)
    sky, mid, accent = palette
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / h
        draw.line(
            [(0, y), (w, y)], fill=tuple(int(sky[i] * (1 - t) + mid[i] * t * 0.6) for i in range(3))
        )
    horizon = int(h * rng.uniform(0.45, 0.65))
    for _ in range(14):
        x = rng.randint(-w // 8, w)
        bw = rng.randint(w // 14, w // 5)
        bh = rng.randint(h // 10, h // 2)
        shade = rng.uniform(0.6, 1.1)
        draw.rectangle(
            [x, horizon - bh, x + bw, h], fill=tuple(min(255, int(c * shade)) for c in mid)
        )
    for _ in range(40):
        x, y = rng.randint(0, w), rng.randint(horizon - h // 3, h)
        r = rng.randint(max(2, w // 200), max(3, w // 60))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=accent)
    draw.rectangle([0, int(h * 0.85), w, h], fill=tuple(int(c * 0.5) for c in mid))
    return img.filter(ImageFilter.GaussianBlur(radius=max(1, w // 400)))


def save_widths(img, folder, name, widths):
    (IMG / folder).mkdir(parents=True, exist_ok=True)
    for width in widths:
        height = round(img.height * width / img.width)
        img.resize((width, height), Image.LANCZOS).save(
            IMG / folder / f"{name}-{width}.webp", "WEBP", quality=50, method=6
        )


def play_badge(img):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    r = h // 6
    cx, cy = w // 2, h // 2
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(0, 0, 0))
    draw.polygon(
        [(cx - r // 3, cy - r // 2), (cx - r // 3, cy + r // 2), (cx + r // 2, cy)],
        fill=(255, 255, 255),
    )
    return img


def banner(name, size, text, colors):
    bg, fg = colors
    img = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(img)
    w, h = size
    font = (
        ImageFont.truetype(str(FONT), size=max(14, min(h // 3, w // (len(text) + 4))))
        if FONT.exists()
        else None
    )
    draw.rectangle([4, 4, w - 5, h - 5], outline=fg, width=2)
    draw.text((w // 2, h // 2), text, fill=fg, font=font, anchor="mm")
    (IMG / "ad").mkdir(parents=True, exist_ok=True)
    img.save(IMG / "ad" / f"{name}.webp", "WEBP", quality=60, method=6)


def icon(size, maskable=False):
    """The app icon: 한 in white on the paper's blue; maskable ones keep a safe margin."""
    img = Image.new("RGB", (size, size), (11, 61, 145))
    draw = ImageDraw.Draw(img)
    font = (
        ImageFont.truetype(str(FONT), size=int(size * (0.45 if maskable else 0.62)))
        if FONT.exists()
        else None
    )
    draw.text((size // 2, size // 2), "한", fill=(255, 255, 255), font=font, anchor="mm")
    (IMG.parent / "icons").mkdir(parents=True, exist_ok=True)
    name = f"icon-{size}{'-maskable' if maskable else ''}.png"
    img.save(IMG.parent / "icons" / name, "PNG", optimize=True)


def main():
    for size in (180, 192, 512):
        icon(size)
    icon(512, maskable=True)
    for name, palette in PALETTES.items():
        save_widths(scene(name, (1200, 800), palette), "photo", name, (320, 640, 1200))
    tv = ["suwon-fortress", "bus-stop", "harbor", "volunteers", "stadium"]
    for n, base in enumerate(tv, start=1):
        save_widths(
            play_badge(scene(f"tv-{base}", (640, 360), PALETTES[base])), "tv", f"tv-{n}", (320, 640)
        )
    banner("top", (970, 90), "경기 지역화폐 연말 10% 할인", ((12, 80, 60), (255, 255, 255)))
    banner("header-side", (240, 60), "한가람일보 구독", ((11, 61, 145), (255, 255, 255)))
    banner(
        "article-bottom", (680, 120), "수원 가을 축제 11.28~30", ((120, 40, 20), (255, 240, 220))
    )
    banner("sidebar-1", (300, 250), "경기도 일자리 박람회", ((30, 30, 60), (255, 220, 120)))
    banner("sidebar-2", (300, 250), "인천 섬 여행 할인", ((10, 90, 140), (255, 255, 255)))
    banner("footer", (970, 90), "한가람 시민기자를 모집합니다", ((60, 60, 60), (255, 255, 255)))


if __name__ == "__main__":
    main()
