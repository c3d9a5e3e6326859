#!/usr/bin/env python3
"""The archive at scale (scripts/bench --scale N; not a test): a generated API of N articles
(bench/large_api.py), then, on a copy of the built bundle, each step a newsroom takes, timed,
with the peak memory of the largest process it ran (the prerender command, the indexer or Pagefind):

  whole     the whole site, pages and search index
  publish   a new article (--article), index included
  update    the oldest article changed (--article): its page, and the recent shard
  remove    an article taken down (--remove)
  again     the whole site again (nothing changed): what a nightly run costs (--no-again
            leaves it out: at 1,000,000 articles it is as long as the whole run)

(`prerender_peak_mb` is the prerender process's own peak, from its --json summary;
`all_processes_peak_mb` the most its processes held at once, Pagefind's own included)

and the index's size; after the whole run, the search on the phone profile (bench/search.mjs:
the query set's hits, the first search of a visit and the later ones). Written to
target/bench/scale.json.

    python3 bench/scale.py N [--no-search] [--no-again]
"""

import json
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

SITE = "https://news.example"
BENCH = Path("target/bench")


def tree_rss(root):
    """The resident memory of `root` and every process under it, in bytes: (sum, largest)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest


def run(command):
    """Runs `command`; its time, the peak memory of its largest process and of all its processes
    at once (sampled every 0.2 s: Pagefind's own process, which Node starts, is never waited
    for, so the children's ru_maxrss misses it), its output."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Read the output on threads, so a full pipe never stops the command.
    out = {}
    readers = [
        threading.Thread(target=lambda: out.__setitem__("stdout", process.stdout.read())),
        threading.Thread(target=lambda: out.__setitem__("stderr", process.stderr.read())),
    ]
    for reader in readers:
        reader.start()
    tree_peak, largest = 0, 0
    while process.poll() is None:
        total, biggest = tree_rss(process.pid)
        tree_peak, largest = max(tree_peak, total), max(largest, biggest)
        time.sleep(0.2)
    for reader in readers:
        reader.join()
    seconds = time.monotonic() - started
    # ru_maxrss of the children is the largest any of them (or theirs) reached, in KiB.
    waited = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    if process.returncode != 0:
        sys.stderr.write(out["stderr"])
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}")
    return seconds, max(waited, largest), tree_peak, out["stdout"], out["stderr"]


def step(name, args, api, dist, results):
    """A prerender run in a fresh process (so its peak is its own), with its JSON summary."""
    command = [sys.executable, __file__, "--child", "scripts/prerender"]
    command += ["--api", str(api), "--dist", str(dist), "--site-url", SITE, "--json", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{name}: exit {done.returncode}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    summary = measured["summary"]
    results[name] = {
        "seconds": round(measured["seconds"], 2),
        "peak_memory_mb": round(measured["peak"] / 2**20),
        "all_processes_peak_mb": round(measured["tree_peak"] / 2**20),
        "prerender_peak_mb": round((summary.get("peak_memory_bytes") or 0) / 2**20),
        "pages_written": summary["written"],
        "stages": {s["name"]: round(s["seconds"], 2) for s in summary["stages"]},
    }
    index_line = [line for line in done.stderr.splitlines() if line.startswith("search-index:")]
    results[name]["index"] = index_line[-1] if index_line else None
    print(f"{name}: {json.dumps(results[name], ensure_ascii=False)}", file=sys.stderr)


def child(command):
    """Runs `command` as this process's only child and prints its time, peak and summary."""
    seconds, peak, tree_peak, stdout, stderr = run(command)
    sys.stderr.write(stderr)
    summary = json.loads(stdout.strip().splitlines()[-1])
    print(
        json.dumps({"seconds": seconds, "peak": peak, "tree_peak": tree_peak, "summary": summary})
    )


def size_of(folder):
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files)}


def retitle(api, article_id, title):
    """The article changed in the CMS: a new title, the rest as it was."""
    file = api / f"articles/{article_id}.json"
    article = json.loads(file.read_text(encoding="utf-8"))
    article["title"] = title
    file.write_text(json.dumps(article, ensure_ascii=False))


def add_article(api, article_id, title, published):
    article = json.loads((api / "articles/100000.json").read_text(encoding="utf-8"))
    article.update(id=article_id, title=title, published_at=published)
    (api / f"articles/{article_id}.json").write_text(json.dumps(article, ensure_ascii=False))
    summary = {
        "id": article_id,
        "title": title,
        "section": article["section"],
        "published_at": published,
    }
    for file, key in [
        ("home.json", "lead"),
        (f"sections/{article['section']['slug']}/1.json", "articles"),
    ]:
        listed = json.loads((api / file).read_text(encoding="utf-8"))
        listed[key] = [summary] + listed[key]
        (api / file).write_text(json.dumps(listed, ensure_ascii=False))


def main():
    if sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    count = int(sys.argv[1])
    results = {"articles": count}
    api = BENCH / f"scale-api-{count}"
    dist = BENCH / f"scale-site-{count}"
    started = time.monotonic()
    subprocess.run([sys.executable, "bench/large_api.py", str(api), str(count)], check=True)
    results["api_generation_seconds"] = round(time.monotonic() - started, 1)
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    for name in ["app.html", "robots.txt", "img", "icons", "sw.js", "manifest.webmanifest"]:
        source = Path("dist") / name
        if source.is_dir():
            shutil.copytree(source, dist / name)
        elif source.exists():
            shutil.copy(source, dist / name)
    for asset in Path("dist").glob("*-*.*"):
        shutil.copy(asset, dist / asset.name)
    if Path("dist/snippets").is_dir():
        shutil.copytree("dist/snippets", dist / "snippets")

    step("whole", [], api, dist, results)
    # The search on the site as the whole run left it (the query set knows its articles).
    if "--no-search" not in sys.argv:
        out = BENCH / f"scale-search-{count}.json"
        subprocess.run(["node", "bench/search.mjs", str(dist), str(out), "large"], check=True)
        results["search"] = json.loads(out.read_text(encoding="utf-8"))["summary"]
    # The generated ids are 100000 … 100000 + N - 1; the new article takes the next one.
    new_id = str(100000 + count)
    add_article(api, new_id, "규모 측정용 새 기사 발행", "2026-11-25T12:30:00+09:00")
    step("publish", ["--article", new_id], api, dist, results)
    oldest = str(100000 + count - 1)
    retitle(api, oldest, "규모 측정용 고친 옛 기사")
    step("update", ["--article", oldest], api, dist, results)
    step("remove", ["--remove", "100001"], api, dist, results)
    if "--no-again" not in sys.argv:
        step("again", [], api, dist, results)
    results["index"] = size_of(dist / "pagefind")
    results["pages"] = size_of(dist)
    BENCH.mkdir(parents=True, exist_ok=True)
    (BENCH / "scale.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
