#!/usr/bin/env python3
"""Writes the slot document, the frame ad networks run in (public/ad-slot.html), with the
networks of one table (deploy/ad-networks.json) and its own Content-Security-Policy.

    scripts/hooks/ad-slot.py [--networks deploy/ad-networks.json] [--template public/ad-slot.html]
                       --out dist/ad-slot.html

scripts/hooks/csp.py runs it after each build. The policy:
- script-src: the document's one inline script by its SHA-256, 'strict-dynamic' (what it adds,
  the network's loader, may add the network's own scripts: Google's tags support only such a
  "strict" policy, their hosts change), and the networks' hosts for browsers without
  'strict-dynamic';
- images, frames, media, fonts, connections and styles: HTTPS (a creative comes from anywhere
  the network buys it from) and the networks' hosts;
- nothing else: no plugins, no <base>, no forms.
What isolates the page from the ad is the frame: another origin, or an opaque one.
"""

import argparse
import base64
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
MARKUPS = {"adfit", "gpt", "adsense", "plain"}
NAME = re.compile(r"^[a-z0-9-]{1,32}$")


def origin(url):
    """The origin of an http(s) address; https only, but for a local test network."""
    parts = urlsplit(url)
    local = parts.hostname in ("localhost", "127.0.0.1")
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValueError(f"{url}: not an https address")
    if not parts.netloc or any(c in parts.netloc for c in " ;,'\""):
        raise ValueError(f"{url}: not an address")
    return f"{parts.scheme}://{parts.netloc}"


def read_networks(path):
    """The table, checked: each network's name, markup, loader and hosts."""
    table = json.loads(Path(path).read_text(encoding="utf-8")).get("networks")
    if not isinstance(table, dict):
        raise TypeError(f'{path}: no "networks" object')
    for name, network in table.items():
        if not NAME.match(name):
            raise ValueError(f"{path}: {name!r}: a network is named in a-z, 0-9 and -")
        if network.get("markup") not in MARKUPS:
            raise ValueError(f"{path}: {name}: markup is one of {sorted(MARKUPS)}")
        hosts = [origin(host) for host in network.get("hosts", [])]
        if origin(network.get("script", "")) not in hosts:
            raise ValueError(f"{path}: {name}: its script is not loaded from one of its hosts")
        network["hosts"] = hosts
    return table


def policy(script_hash, hosts):
    listed = " ".join(hosts)
    anywhere = f"https: {listed}".strip()
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'sha256-{script_hash}' 'strict-dynamic' {listed}".strip(),
            f"style-src 'unsafe-inline' {anywhere}",
            f"img-src data: {anywhere}",
            f"media-src {anywhere}",
            f"font-src data: {anywhere}",
            f"connect-src {anywhere}",
            f"frame-src {anywhere}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def slot_document(template, table):
    scripts = INLINE_SCRIPT.findall(template)
    if len(scripts) != 1:
        raise ValueError("the template has more or less than one inline <script>")
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    hosts = sorted({host for network in table.values() for host in network["hosts"]})
    data = json.dumps({"networks": table}, ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(digest, hosts)}">'
    out = template.replace("<!-- policy -->", tag, 1)
    return out.replace(
        "<!-- networks -->", f'<script type="application/json" id="networks">{data}</script>', 1
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--networks", default=ROOT / "deploy" / "ad-networks.json")
    parser.add_argument("--template", default=ROOT / "public" / "ad-slot.html")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    try:
        table = read_networks(args.networks)
        html = slot_document(Path(args.template).read_text(encoding="utf-8"), table)
    except (OSError, ValueError, TypeError, AttributeError) as err:
        sys.exit(f"ad-slot.py: {err}")
    Path(args.out).write_text(html, encoding="utf-8")
    print(f"ad-slot.py: {args.out} with {len(table)} network(s): {', '.join(sorted(table))}")


if __name__ == "__main__":
    main()
