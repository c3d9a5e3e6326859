#!/usr/bin/env python3
"""Trunk post-build hook: gives the built index.html its Content-Security-Policy and copies it
to 404.html (for static hosts that serve that file for unknown paths) and to app.html (the
template scripts/prerender makes the pages from).

In release builds it first has scripts/hooks/minify-glue.mjs minify the JS glue (Trunk's minifier
fails on it) and renew that file's integrity attribute.

Trunk starts the app with an inline <script type="module">, and inlines the stylesheet as one
<style> (a prerendered page paints with no second request). The policy allows exactly the inline
scripts and styles Trunk wrote, by their SHA-256, and never 'unsafe-inline'. Debug builds get the
same policy: scripts/serve runs without live reload, whose script Trunk would inject after this
hook, unhashed.
"""

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

STAGING = Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
RELEASE = os.environ.get("TRUNK_PROFILE", "release") == "release"
# The policy goes right after <meta charset>, before any script it has to govern.
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

# A policy already in the page (a second one would only narrow the first). Only the tag counts:
# a development build keeps index.html's comments, one of which names the policy.
EXISTING_POLICY = re.compile(r"<meta\b[^>]*http-equiv=[\"']?Content-Security-Policy", re.IGNORECASE)

# An inline <script> without src: its body is what the browser hashes.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# An inline <style>: its body is what the browser hashes, as for a script.
INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


# The slot document's address, if on another origin (js/ad-frames.js): its origin is the one
# frame-src the page allows beside its own.
AD_FRAME = re.compile(
    r"<meta\s+name=[\"']?news-ad-frame[\"']?\s+content=[\"']([^\"']*)[\"']", re.IGNORECASE
)


def frame_origin(html):
    found = AD_FRAME.search(html)
    if not found or not found.group(1).strip():
        return ""
    parts = urlsplit(found.group(1).strip())
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or re.search(r"[\s;,'\"]", parts.netloc)
    ):
        sys.exit(f"csp.py: news-ad-frame {found.group(1)!r} is not an http(s) address")
    return f"{parts.scheme}://{parts.netloc}"


def sha256s(bodies):
    """The CSP source of each non-empty body: 'sha256-<base64>' of its UTF-8 bytes."""
    return [
        "'sha256-"
        + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        + "'"
        for body in bodies
        if body.strip()
    ]


def policy(scripts, styles=(), frames=""):
    scripts = " ".join(scripts)
    styles = " ".join(styles)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {scripts}".strip(),
            f"style-src 'self' {styles}".strip(),
            "img-src 'self' https:",
            "font-src 'self'",
            f"frame-src 'self' {frames}".strip(),
            "connect-src 'self' https:",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def main():
    if RELEASE:
        # First the JS glue is minified and its integrity renewed, so the policy sees the
        # final index.html.
        subprocess.run(
            ["node", str(Path(__file__).with_name("minify-glue.mjs")), str(STAGING)], check=True
        )
    index = STAGING / "index.html"
    html = index.read_text(encoding="utf-8")
    hashes = sha256s(INLINE_SCRIPT.findall(html))
    styles = sha256s(INLINE_STYLE.findall(html))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, styles, frame_origin(html))}">'
    if EXISTING_POLICY.search(html):
        sys.exit(f"csp.py: {index} already has a Content-Security-Policy")
    html, found = CHARSET.subn(lambda m: m.group(0) + tag, html, count=1)
    if not found:
        sys.exit(f"csp.py: {index} has no <meta charset> to put the policy after")
    # The minifier drops an empty content="" (index.html's site-url before a deployer sets it),
    # and a <meta name> without content is invalid HTML.
    html = re.sub(r"<meta name=([\w-]+)>", r'<meta name=\1 content="">', html)
    index.write_text(html, encoding="utf-8")
    # 404.html starts the app on hosts that serve it for unknown paths; app.html is the template
    # scripts/prerender makes every page from (it rewrites index.html and 404.html).
    for copy in ("404.html", "app.html"):
        (STAGING / copy).write_text(html, encoding="utf-8")
    # The ad networks' frame, with its own policy (scripts/hooks/ad-slot.py).
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("ad-slot.py")),
            "--out",
            str(STAGING / "ad-slot.html"),
        ],
        check=True,
    )
    print(
        f"csp.py: {len(hashes)} inline script(s) and {len(styles)} inline style(s) allowed by hash;"
        " 404.html and app.html written"
    )


if __name__ == "__main__":
    main()
