/* The search page (/cari/): the site's own Pagefind index (siaran/search.py), searched in
   the browser. The index is in shards, one Pagefind bundle per year and one for pages without
   a date (siaran/search_shards.py); shards.json lists them newest first: the first is loaded
   with Pagefind's code, the others merged into it, each tagged with a `shard` filter. Progressive: the form is a plain GET to this page, so ?q= arrives from the
   header form of every page and runs here on load; without JavaScript a <noscript> note
   links the archive. No framework and nothing from another host; every text comes from the
   page (data-msg-*, the theme's .po file). Result fragments are fetched ten at a time. */
const root = document.getElementById("cari-hasil");
const form = document.getElementById("cari");
const input = document.getElementById("cari-q");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-daftar");
const more = document.getElementById("cari-lagi");
const sort = document.getElementById("cari-urut");
const filterBox = document.getElementById("cari-saring");
const itemTemplate = document.getElementById("cari-butir");
const PAGE = 10;

let pagefind = null;
let shards = [];
let results = [];
let shown = 0;
let latest = 0;   // number of the newest search: answers to older ones are dropped

function say(name, values = {}) {
  return (root.dataset[name] || "").replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function failed() {
  root.hidden = true;
  document.getElementById("cari-gagal").hidden = false;
}

/* Checked boxes as Pagefind filters: any value within a group, every group at once. */
function chosenFilters() {
  const filters = {};
  for (const box of root.querySelectorAll("input[type=checkbox][data-filter]:checked")) {
    (filters[box.dataset.filter] ||= { any: [] }).any.push(box.value);
  }
  return filters;
}

async function showFilters() {
  const all = await pagefind.filters();
  for (const group of root.querySelectorAll("fieldset[data-filter]")) {
    const key = group.dataset.filter;
    const values = Object.keys(all[key] || {});
    values.sort(key === "year" ? (a, b) => b.localeCompare(a) : (a, b) => a.localeCompare(b, "id"));
    const items = values.map((value, index) => {
      const item = document.createElement("li");
      const box = document.createElement("input");
      const label = document.createElement("label");
      box.type = "checkbox";
      box.id = `cari-${key}-${index}`;
      box.value = value;
      box.dataset.filter = key;
      label.htmlFor = box.id;
      label.textContent = value;
      item.append(box, label);
      return item;
    });
    group.querySelector("ul").replaceChildren(...items);
    group.hidden = items.length === 0;
  }
}

/* Pagefind's excerpt is HTML: escaped text with <mark> around the words found. It is parsed
   inert and rebuilt from text and <mark> only, so nothing else from it reaches the page. */
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const out = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function render(data) {
  const item = itemTemplate.content.firstElementChild.cloneNode(true);
  const link = item.querySelector("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const facts = [];
  const type = (data.filters.type || [])[0];
  if (type) facts.push(type);
  if (data.meta.date) {
    const time = document.createElement("time");
    if (data.meta.datetime) time.dateTime = data.meta.datetime;
    time.textContent = data.meta.date;
    facts.push(time);
  }
  if (data.meta.unit) facts.push(data.meta.unit);
  const meta = item.querySelector(".meta");
  facts.forEach((fact, index) => {
    if (index) meta.append(" · ");
    meta.append(fact);
  });
  item.querySelector(".search-excerpt").append(excerpt(data.excerpt || ""));
  return item;
}

async function showMore(search, focus) {
  const next = results.slice(shown, shown + PAGE);
  const found = await Promise.all(next.map((result) => result.data()));
  if (search !== latest) return;
  const items = found.map(render);
  list.append(...items);
  shown += next.length;
  more.hidden = shown >= results.length;
  if (focus && items.length) items[0].querySelector("a").focus();
}

async function run() {
  const search = ++latest;
  const query = input.value.trim();
  const filters = chosenFilters();
  const filtered = Object.keys(filters).length > 0;
  results = [];
  shown = 0;
  list.replaceChildren();
  more.hidden = true;
  if (!query && !filtered) {
    status.textContent = say("msgPrompt");
    return;
  }
  status.textContent = say("msgSearching");
  const found = await find(query || null, filters);
  if (search !== latest) return;
  results = found;
  await showMore(search, false);
  if (search !== latest) return;
  const count = results.length;
  const name = count ? (query ? "msgFound" : "msgFoundFiltered") : (query ? "msgNone" : "msgNoneFiltered");
  status.textContent = say(name, { count: count.toLocaleString("id-ID"), query });
}

/* The shards that can hold a page with every word of the query. Pagefind leaves out a word
   its index does not know, so a shard without a word the site knows would answer as if the
   word had not been typed. A one-word search of each word says, through the `shard` filter's
   counts, which shards know it; a word no shard knows is left out, as a single index would. */
async function shardsFor(query) {
  const words = (query || "").replace(/"/g, " ").split(/\s+/).filter(Boolean);
  if (words.length < 2) return shards;
  const counts = await Promise.all(words.map(async (word) => (await pagefind.search(word)).filters.shard || {}));
  const known = counts.filter((perShard) => Object.values(perShard).some((n) => n > 0));
  return shards.filter((shard) => known.every((perShard) => perShard[shard] > 0));
}

/* Each shard is searched alone (its shard filter) and the answers joined. Best match orders
   them by score, as Pagefind's merged search does. Newest first keeps shard order: with a sort,
   Pagefind scores a result by its place in its own shard, so a merged search would interleave
   the years; shards are years in date order, each answer already newest first. */
async function find(query, filters) {
  const newest = sort.value === "date";
  const options = (shard) => ({ filters: { ...filters, shard }, ...(newest ? { sort: { date: "desc" } } : {}) });
  const answers = await Promise.all((await shardsFor(query)).map((shard) => pagefind.search(query, options(shard))));
  const results = answers.flatMap((answer) => answer.results);
  if (!newest) results.sort((a, b) => b.score - a.score);
  return results;
}

/* The shards newest first (shards.json); the first with Pagefind's code, the others merged. */
async function load() {
  const listing = await fetch(root.dataset.bundle + "shards.json");
  if (!listing.ok) throw new Error(`shards.json: ${listing.status}`);
  shards = (await listing.json()).shards;
  const options = (shard) => ({ baseUrl: root.dataset.baseUrl, excerptLength: 24, mergeFilter: { shard } });
  pagefind = await import(`${root.dataset.bundle}${shards[0]}/pagefind.js`);
  await pagefind.options(options(shards[0]));
  await pagefind.init();
  await Promise.all(shards.slice(1).map((shard) => pagefind.mergeIndex(`${root.dataset.bundle}${shard}/`, options(shard))));
}

function guarded(work) {
  return (...args) => work(...args).catch(failed);
}

async function start() {
  root.hidden = false;
  filterBox.open = window.matchMedia("(min-width: 48rem)").matches;
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  await load();
  await showFilters();
  const search = guarded(run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    const query = input.value.trim();
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    search();
  });
  root.addEventListener("change", (event) => {
    if (event.target.matches("input[data-filter], select")) search();
  });
  more.addEventListener("click", guarded(() => showMore(latest, true)));
  await run();
}

guarded(start)();
