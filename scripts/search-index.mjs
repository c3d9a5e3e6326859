// The search index of a prerendered bundle, in shards that a publish renews in seconds
// (Pagefind's Node API, pinned in package.json). Run by scripts/search-index; the prerender
// command calls it under its lock after the pages (`--index-with`).
//
//   node scripts/search-index.mjs <dist> [--whole] [--now RFC3339]
//
// It reads no page: each article's search record (.search-records/<id>.json, written by the
// prerender command beside the article's page from the same answer) holds the document Pagefind
// indexes for it (the words its page shows, its section and time as metadata) and the month it
// was published in, in KST.
//
// The archive is split by the month each article was published in:
//   - a shard for each of the last twelve months (pagefind/2026-11/), which most searches
//     read, and shards of consecutive earlier months, each as many months as fit in MAX_SHARD
//     articles, grouped from the oldest on so that a month leaving the twelve changes only the
//     newest group (pagefind/2025-03_2025-06/): the "cold"
//     shards, built by a whole run (--whole) and then left alone. A shard's size, so the
//     memory of building it and of a reader's first search in it, stays bounded whatever the
//     size of the archive;
//   - one "recent" shard (pagefind/recent/) of every article published, updated or taken back
//     since the cold shards were built: a publish rebuilds only this one, so it stays small.
// pagefind/shards.json tells the browser the periods, newest first, where each one's shard is,
// and which pages of the cold shards to leave out ("hidden": updated since, so the recent
// shard holds them, or taken down). The words of a page taken down leave the cold shard's
// fragment at once (the file with its text is deleted); a whole run rebuilds the shards that
// changed and empties the recent one.
//
// The app searches the periods newest first (the first alone, then a few at once), the recent
// shard's pages of each period with it (a Pagefind filter), most relevant first within a
// period (src/api/search.rs).
//
// Server-side bookkeeping, never deployed (dotfiles): pagefind/.state.json (the shards, which
// shard each month is in, the recent shard's pages and their periods, the hidden pages) and
// pagefind/.shards/<name>.json (the pages a cold shard holds, and their fragment files). A
// publish reads neither the whole bundle nor every shard's pages: the prerender command notes
// each search record it writes or deletes in .search-records/journal (the id, and the month of
// the record it replaced), and a run renews the pages the journal names, looks for them only in
// the shards of those months, and empties it. Without a journal (a bundle of an earlier
// version) a run compares every record's time with its shard's instead. Bookkeeping it cannot
// read (a shard's page list damaged) makes either run build the whole index again.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as pagefind from 'pagefind';

const args = process.argv.slice(2);
const dist = args.find((arg) => !arg.startsWith('--'));
if (!dist) {
  console.error('usage: node scripts/search-index.mjs <dist> [--whole] [--now RFC3339]');
  process.exit(2);
}
const whole = args.includes('--whole');
const nowArg = args[args.indexOf('--now') + 1];
const now = args.includes('--now') ? new Date(nowArg) : new Date();
const root = path.join(dist, 'pagefind');
const articles = path.join(dist, 'article');
const RECORDS = path.join(dist, '.search-records');
const STATE = path.join(root, '.state.json');
const MEMBERS = path.join(root, '.shards');
const JOURNAL = path.join(RECORDS, 'journal');
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const RECENT = 'recent';
// How many pages are handed to Pagefind at once, and how many shards are built at once: one,
// so the indexer's memory is one shard's (Pagefind holds about 85 MB a 1,000 articles while it
// builds, and spreads the work over the cores itself: two at once were no faster).
const ADD_BATCH = 64;
const SHARDS_AT_ONCE = 1;
// Files of a Pagefind bundle the app never loads (its own UIs).
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;
const started = Date.now();

/** Writes `text` to `file` through a temporary file and a rename. */
function writeAtomic(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** The state of the last run (version 3, or 2 of stop 37 whose shards hold their pages), or
 * null: none yet, or unreadable (the whole index is built again). */
function readState() {
  try {
    const state = JSON.parse(fs.readFileSync(STATE, 'utf8'));
    if (state?.version === 3 && state.shards && state.months && state.recent && state.hidden) return state;
    if (state?.version === 2 && state.shards && state.months) return state;
  } catch {
    /* none yet, or unreadable */
  }
  return null;
}

/** The journal's articles: id -> the months of the records a run replaced or deleted; null
 * when there is none. */
function readJournal() {
  let text;
  try {
    text = fs.readFileSync(JOURNAL, 'utf8');
  } catch {
    return null;
  }
  const named = new Map();
  for (const line of text.split('\n')) {
    const [id, month = ''] = line.split('\t');
    if (!ID.test(id)) continue;
    if (!named.has(id)) named.set(id, new Set());
    if (month) named.get(id).add(month);
  }
  return named;
}

/** The pages a cold shard holds and their fragment files: { ids: Set, list, fragments }. */
const held = new Map();
function members(state, name) {
  if (!held.has(name)) {
    // Version 2 kept them in the state; version 3 in a file of their own.
    const found = state.shards[name]?.ids
      ? state.shards[name]
      : JSON.parse(fs.readFileSync(path.join(MEMBERS, `${name}.json`), 'utf8'));
    if (!Array.isArray(found?.ids) || typeof found.fragments !== 'object') {
      throw new Error(`${MEMBERS}/${name}.json: unreadable`);
    }
    held.set(name, { ids: new Set(found.ids), list: found.ids, fragments: found.fragments });
  }
  return held.get(name);
}

function writeMembers(name, ids, fragments) {
  fs.mkdirSync(MEMBERS, { recursive: true });
  writeAtomic(path.join(MEMBERS, `${name}.json`), JSON.stringify({ ids, fragments }));
  held.set(name, { ids: new Set(ids), list: ids, fragments });
}

/** The ids of the files in `folder` named `<id><suffix>`. */
function idsIn(folder, suffix) {
  let entries = [];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return entries
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .filter((id) => ID.test(id));
}

/** The articles in the bundle (a page and its search record): id -> the record's modification
 * time (ms; the prerender writes a record only when it changes). Every article page must have
 * a record; a record without its page is of an article taken down. */
function articleFiles() {
  const pages = idsIn(articles, '.html');
  const records = new Set(idsIn(RECORDS, '.json'));
  const found = new Map();
  for (const id of pages) {
    if (records.has(id)) found.set(id, fs.statSync(path.join(RECORDS, `${id}.json`)).mtimeMs);
  }
  const without = pages.filter((id) => !found.has(id));
  if (without.length) {
    throw new Error(
      `${without.length} article page(s) without a search record (${without.slice(0, 3).join(', ')}…): a bundle prerendered before records existed; run a whole scripts/prerender once`,
    );
  }
  return found;
}

/** An article's search record: { month, html }. */
function record(id) {
  const { month, html } = JSON.parse(fs.readFileSync(path.join(RECORDS, `${id}.json`), 'utf8'));
  if (typeof html !== 'string') throw new Error(`${RECORDS}/${id}.json: no html`);
  return { month: /^\d{4}-\d{2}$/.test(month) ? month : UNDATED, html };
}

/** The most articles a shard of earlier months holds (one month may hold more): about 350 MB
 * to build, about 1.4x a month of 2,500 articles, whatever the size of the archive. */
const MAX_SHARD = 4_000;
const UNDATED = 'undated';
const monthName = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
/** The first of the last twelve months, which keep a shard each (most searches read them). */
const LAST_YEAR = monthName(new Date(now.getFullYear(), now.getMonth() - 11, 1));

/** The shards of a whole run: months -> ids, grouped (see above). Group name -> months. */
function groupMonths(months) {
  const groups = {};
  const older = [...months.keys()].filter((m) => m !== UNDATED && m < LAST_YEAR).sort();
  let open = null;
  for (const month of older) {
    const count = months.get(month).length;
    if (open && open.count + count <= MAX_SHARD) {
      open.months.push(month);
      open.count += count;
    } else {
      open = { months: [month], count };
      groups[month] = open;
    }
  }
  const named = {};
  for (const { months: grouped } of Object.values(groups)) {
    const name = grouped.length === 1 ? grouped[0] : `${grouped[0]}_${grouped.at(-1)}`;
    named[name] = grouped;
  }
  // The last twelve months, months ahead (articles dated to come) and the undated: each its own.
  for (const m of months.keys()) if (m >= LAST_YEAR || m === UNDATED) named[m] = [m];
  return named;
}

/** Newest first; "undated" last. */
const byPeriod = (a, b) => (a === UNDATED) - (b === UNDATED) || (a < b ? 1 : a > b ? -1 : 0);

/** The fragment file of each page in a shard's files: url -> fragment path. */
function fragmentsOf(files) {
  const fragments = {};
  for (const { path: file, content } of files) {
    if (!file.startsWith('fragment/')) continue;
    try {
      const text = zlib.gunzipSync(content).subarray('pagefind_dcd'.length).toString('utf8');
      const url = JSON.parse(text).url;
      if (typeof url === 'string') fragments[url.replace(/\.html$/, '')] = file;
    } catch {
      /* not a page's fragment */
    }
  }
  return fragments;
}

/** Builds the shard `name` of the articles `ids` into pagefind/<name>/, swapped in whole. */
async function buildShard(name, ids, periodFor) {
  const { index, errors } = await pagefind.createIndex({ maxFragments: 100_000_000 });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  // Pagefind reads the pages on its own threads: they are handed to it a batch at a time.
  for (let at = 0; at < ids.length; at += ADD_BATCH) {
    const batch = ids.slice(at, at + ADD_BATCH).map((id) => {
      let { month, html } = record(id);
      if (periodFor) {
        // The recent shard is searched period by period, through a filter (Pagefind reads a
        // filter anywhere in the document; the record ends inside its body).
        html += `<span data-pagefind-filter="period:${periodFor(id, month)}"></span>`;
      }
      return index.addHTMLFile({ url: `/article/${id}`, content: html }).then((added) => [id, added]);
    });
    for (const [id, added] of await Promise.all(batch)) {
      if (added.errors.length) throw new Error(`pagefind: /article/${id}: ${added.errors.join('; ')}`);
    }
  }
  const { files, errors: failed } = await index.getFiles();
  if (failed.length) throw new Error(`pagefind: ${failed.join('; ')}`);
  await index.deleteIndex();
  const target = path.join(root, name);
  const building = path.join(root, `.${name}.${process.pid}.building`);
  fs.rmSync(building, { recursive: true, force: true });
  for (const { path: file, content } of files) {
    if (UNUSED.test(file)) continue;
    const out = path.join(building, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, content);
  }
  // The old shard is moved aside, then the new one in: a reader's search meanwhile fails once
  // (and is tried again), never reads half a shard.
  const old = path.join(root, `.${name}.${process.pid}.old`);
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(building, target);
  fs.rmSync(old, { recursive: true, force: true });
  return fragmentsOf(files);
}

/** The cold shards of a whole run, each kept when its articles have not changed since it was
 * built: the new state (recent and hidden still empty), and the shards built. */
async function buildCold(files, previous, built) {
  const months = new Map();
  for (const id of files.keys()) {
    const { month } = record(id);
    if (!months.has(month)) months.set(month, []);
    months.get(month).push(id);
  }
  const named = groupMonths(months);
  const groups = new Map(
    Object.entries(named).map(([name, grouped]) => [name, grouped.flatMap((month) => months.get(month))]),
  );
  const state = { version: 3, built_at: Date.now(), shards: {}, months: {}, recent: {}, hidden: [] };
  for (const [name, grouped] of Object.entries(named)) for (const month of grouped) state.months[month] = name;
  const dirty = [];
  for (const [period, ids] of groups) {
    ids.sort();
    const before = previous?.shards?.[period];
    let kept = null;
    try {
      kept = before && fs.existsSync(path.join(root, period, 'pagefind.js')) ? members(previous, period) : null;
    } catch {
      /* its pages unknown: built again */
    }
    const same =
      kept &&
      kept.list.length === ids.length &&
      kept.list.every((id, n) => id === ids[n] && files.get(id) <= before.built_at) &&
      Object.values(kept.fragments).every((file) => fs.existsSync(path.join(root, period, file)));
    if (same) {
      state.shards[period] = { built_at: before.built_at, count: ids.length };
      if (previous.version !== 3) writeMembers(period, kept.list, kept.fragments);
    } else {
      dirty.push([period, ids]);
    }
  }
  // Built SHARDS_AT_ONCE at a time (one Pagefind service holds them all).
  const queue = [...dirty];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [period, ids] = next;
      const builtAt = Date.now();
      writeMembers(period, ids, await buildShard(period, ids, null));
      state.shards[period] = { built_at: builtAt, count: ids.length };
      built.shards.push(period);
    }
  };
  await Promise.all(Array.from({ length: SHARDS_AT_ONCE }, worker));
  // Shards of periods that hold no article any more go, with their bookkeeping.
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const stale =
      entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== RECENT && !groups.has(entry.name);
    // The single index of earlier versions (pagefind/fragment, index/, pagefind.js) goes too.
    const legacy = !entry.isDirectory() || ['fragment', 'index'].includes(entry.name);
    if (stale || legacy) fs.rmSync(path.join(root, entry.name), { recursive: true, force: true });
  }
  fs.mkdirSync(MEMBERS, { recursive: true });
  for (const name of fs.readdirSync(MEMBERS)) {
    if (!groups.has(name.replace(/\.json$/, ''))) fs.rmSync(path.join(MEMBERS, name), { force: true });
  }
  return state;
}

/** The recent shard's pages, every article compared with its cold shard (a whole run, or a
 * bundle without a journal): updates `state.recent` and `state.hidden`. */
function recentByTime(state, files) {
  const inCold = new Map();
  for (const name of Object.keys(state.shards)) for (const id of members(state, name).list) inCold.set(id, name);
  const recent = {};
  const hidden = [];
  for (const [id, period] of inCold) {
    if (files.has(id) && files.get(id) <= state.shards[period].built_at) continue;
    hidden.push(`/article/${id}`);
    // Taken down: its text leaves the cold shard now, not at the next whole run.
    if (!files.has(id)) removeFragment(state, period, id);
  }
  const ids = [...files.keys()].filter((id) => {
    const period = inCold.get(id);
    return !period || files.get(id) > state.shards[period].built_at;
  });
  for (const id of ids) recent[id] = inCold.get(id) ?? periodOf(state, record(id).month);
  state.recent = recent;
  state.hidden = hidden;
}

/** The journal's articles against the recent shard: each written one joins it (and its copy in
 * a cold shard is hidden), each deleted one leaves it (and its text leaves the cold shard). Only
 * the shards of the months the journal and the records name are read. */
function recentByJournal(state, journal) {
  const recent = new Map(Object.entries(state.recent));
  const hidden = new Set(state.hidden);
  for (const [id, before] of journal) {
    const page = path.join(articles, `${id}.html`);
    const present = fs.existsSync(page) && fs.existsSync(path.join(RECORDS, `${id}.json`));
    const month = present ? record(id).month : null;
    const url = `/article/${id}`;
    let cold = null;
    for (const candidate of new Set([...before, month].filter(Boolean))) {
      const name = state.months[candidate];
      if (name && state.shards[name] && members(state, name).ids.has(id)) cold = name;
    }
    if (cold) hidden.add(url);
    if (present) {
      // One already hidden keeps the period its first copy gave it.
      const earlier = hidden.has(url) && !cold ? recent.get(id) : undefined;
      recent.set(id, cold ?? earlier ?? periodOf(state, month));
    } else {
      recent.delete(id);
      if (cold) removeFragment(state, cold, id);
    }
  }
  state.recent = Object.fromEntries(recent);
  state.hidden = [...hidden];
}

/** A page already in a cold shard keeps that shard's period (the year may have turned since);
 * another, the shard of its month's, or its month. */
const periodOf = (state, month) => state.months[month] ?? month;

function removeFragment(state, period, id) {
  const fragment = members(state, period).fragments[`/article/${id}`];
  if (fragment) fs.rmSync(path.join(root, period, fragment), { force: true });
}

async function main() {
  fs.mkdirSync(root, { recursive: true });
  const previous = readState();
  const journal = whole ? null : readJournal();
  const built = { shards: [], recent: 0 };
  let state = null;
  let rebuild = whole || !previous;
  if (!rebuild && previous.version === 3 && journal) {
    state = previous;
    try {
      recentByJournal(state, journal);
    } catch (error) {
      console.error(`search-index: ${error.message}: the whole index is built again`);
      [state, rebuild] = [null, true];
    }
  }
  const fromJournal = state !== null;
  if (!state) {
    const files = articleFiles();
    state = rebuild ? await buildCold(files, previous, built) : previous;
    if (state.version !== 3) {
      // A state of version 2: each shard's pages move to a file of their own.
      for (const [name, shard] of Object.entries(state.shards)) {
        writeMembers(name, shard.ids, shard.fragments);
        state.shards[name] = { built_at: shard.built_at, count: shard.ids.length };
      }
      Object.assign(state, { version: 3, recent: {}, hidden: [] });
    }
    try {
      recentByTime(state, files);
    } catch (error) {
      // A shard whose pages cannot be read: as on the journal's path, everything is built again.
      if (rebuild) throw error;
      console.error(`search-index: ${error.message}: the whole index is built again`);
      rebuild = true;
      state = await buildCold(files, state, built);
      recentByTime(state, files);
    }
  }

  const recent = Object.keys(state.recent).sort();
  if (recent.length) {
    await buildShard(RECENT, recent, (id) => state.recent[id]);
    built.recent = recent.length;
  } else {
    fs.rmSync(path.join(root, RECENT), { recursive: true, force: true });
  }
  const periods = [...new Set([...Object.keys(state.shards), ...Object.values(state.recent)])].sort(byPeriod);
  const manifest = {
    periods: periods.map((name) => ({ name, path: state.shards[name] ? `/pagefind/${name}/` : null })),
    recent: recent.length ? `/pagefind/${RECENT}/` : null,
    hidden: [...state.hidden].sort(),
  };
  writeAtomic(STATE, JSON.stringify(state));
  writeAtomic(path.join(root, 'shards.json'), JSON.stringify(manifest));
  // What the journal named is in the index now (the prerender command holds the bundle's lock,
  // so nothing was added to it meanwhile).
  fs.mkdirSync(RECORDS, { recursive: true });
  writeAtomic(JOURNAL, '');
  await pagefind.close();
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  const shards = built.shards.length;
  console.error(
    `search-index: ${fromJournal ? `${journal.size} article(s) from the journal` : rebuild ? 'whole' : 'every article compared'}; ${shards} shard(s) built${shards ? ` (${built.shards.join(', ')})` : ''}, ${built.recent} in the recent one, ${manifest.hidden.length} hidden, in ${seconds} s`,
  );
}

main().catch(async (error) => {
  console.error(`search-index: ${error.message}`);
  await pagefind.close().catch(() => {});
  process.exit(1);
});
