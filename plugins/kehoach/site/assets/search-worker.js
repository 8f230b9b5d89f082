/* kehoach: the worker behind Material's search box, answered by Pagefind.
 *
 * Material talks to its search worker with four messages (SETUP, READY, QUERY,
 * RESULT; Material documents replacing the worker). This one keeps Material's
 * box, result list and highlighting, and asks Pagefind's chunked index
 * (pagefind/, written after the build) instead of building a lunr index of the
 * whole site. The query is folded first (no tone marks, đ -> d, lower case), so
 * a query typed with or without diacritics is the same query. Pagefind folds
 * tone marks in its index but keeps đ, so each folded "d" is tried as "d" and
 * as "đ" and the results are merged. Pagefind's own search of a word found on
 * nearly every page takes a second or two on a large site, so the box first
 * shows the pages (their titles, best first) of a small word index made from
 * what Pagefind indexed (pagefind/words/, folded as the query is), then
 * replaces that list with Pagefind's. See DEVELOPING.md, "Search index".
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
const DETAILED = 10;      // results shown with an excerpt and their sections (Material renders 10 at first)
const MAX_SPELLINGS = 16; // "d"/"đ" combinations tried for one query
const WORD_KEY = 2;       // a word index file holds the words beginning with these letters (site/wordindex.py)
const root = new URL("../../", self.location.href);  // this file is assets/kehoach/search-worker.js
let engine = null;        // Promise of the pagefind module
let listing = null;       // Promise of the page list: fragment id -> [address, title], in page-number order
const wordFiles = new Map();  // first letters -> Promise of {word: [page step, count, in title, ...]}
let latest = 0;           // number of the newest query: older answers are dropped

/** Fold as kehoach.core.text.fold does: lower case, no diacritics, đ -> d. */
function fold(text) {
  return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** The folded words of a query. */
function words(query) {
  return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Each way a folded word may be written in Pagefind's index: every "d" as "d" or "đ". */
function spellings(word) {
  let forms = [""];
  for (const char of word)
    forms = char === "d" ? forms.flatMap(form => [form + "d", form + "đ"]) : forms.map(form => form + char);
  return forms;
}

/** The queries to ask Pagefind: every combination of the words' spellings, plain "d" first. */
function queries(folded) {
  let combined = [[]];
  for (const word of folded)
    combined = combined.flatMap(head => spellings(word).map(form => [...head, form])).slice(0, MAX_SPELLINGS);
  return combined.map(list => list.join(" "));
}

function start() {
  engine ??= import(new URL("pagefind/pagefind.js", root).href).then(async pagefind => {
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    return pagefind;
  });
  return engine;
}

function pageList() {
  listing ??= fetch(new URL("pagefind/pages.json", root)).then(response => response.json());
  return listing;
}

function wordFile(key) {
  if (!wordFiles.has(key))
    wordFiles.set(key, fetch(new URL(`pagefind/words/${encodeURIComponent(key)}.json`, root))
      .then(response => response.ok ? response.json() : {}).catch(() => ({})));
  return wordFiles.get(key);
}

/** The pages holding every folded word (each as the beginning of a word, as Pagefind matches), from the
 * word index: [page number, score], best first; a word found in the title counts most. Words of one
 * letter are left to Pagefind (their index file would be every word of that letter). */
async function quick(folded) {
  if (folded.some(word => word.length < WORD_KEY)) return [];
  const files = await Promise.all(folded.map(word => wordFile(word.slice(0, WORD_KEY))));
  let scores = null;
  folded.forEach((word, index) => {
    const found = new Map();  // page number -> [times, in title]
    for (const [entry, list] of Object.entries(files[index])) {
      if (!entry.startsWith(word)) continue;
      for (let at = 0, page = -1; at < list.length; at += 3) {
        page += list[at];
        const [times, titled] = found.get(page) ?? [0, 0];
        found.set(page, [times + list[at + 1], titled || list[at + 2]]);
      }
    }
    const next = new Map();
    for (const [page, [times, titled]] of found)
      if (!scores || scores.has(page)) next.set(page, (scores?.get(page) ?? 0) + 3 * titled + Math.log1p(times));
    scores = next;
  });
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A page address relative to the site root, as Material's results have it. */
function address(url) {
  return url.replace(/^\/+/, "");
}

/** A title with the words the query matches marked, as Material marks them. */
function marked(title, folded) {
  return title.split(/([^\p{L}\p{N}]+)/u).map(part => {
    const plain = fold(part);
    return plain && folded.some(word => plain.startsWith(word)) ? `<mark data-md-highlight>${escape(part)}</mark>`
      : escape(part);
  }).join("");
}

/** The words Pagefind marked in some excerpts, for Material to highlight on the page opened. */
function terms(excerpts) {
  const found = {};
  for (const excerpt of excerpts)
    for (const [, word] of excerpt.matchAll(/<mark>(.*?)<\/mark>/g)) {
      const clean = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
      if (clean) found[clean] = true;
    }
  return found;
}

/** Material's result for one page with its fragment loaded: the page, then its sections, best first. */
function detailed(data, score, folded) {
  const page = address(data.url);
  const sections = data.sub_results.filter(section => address(section.url) !== page);
  const found = terms([data.excerpt, ...sections.map(section => section.excerpt)]);
  const title = data.meta.title || page;
  return [
    { location: page, title: marked(title, folded), text: `<p>${data.excerpt}</p>`, score, terms: found },
    // Lower scores than the page: Material folds them under "n more on this page".
    ...sections.map((section, rank) => ({
      location: address(section.url), title: marked(section.title || title, folded),
      text: `<p>${section.excerpt}</p>`, score: score / (rank + 2), terms: found,
    })),
  ];
}

/** Material's result for one page further down: its title only, from the page list. */
function brief(entry, score, folded) {
  const [url, title] = entry;
  return [{ location: address(url), title: marked(title || url, folded), text: "", score, terms: {} }];
}

/** Answer a query: first from the word index (titles only; posted at once unless a newer query came), then
 * from Pagefind (returned: excerpts, sections, Pagefind's ranking). */
async function search(query, ticket) {
  const folded = words(query);
  if (!folded.length) return { items: [] };
  const pages = await pageList();
  const listed = Object.values(pages);
  const first = await quick(folded);
  if (first.length && ticket === latest)
    postMessage({ type: RESULT, data: { items: first.map(([page, score]) => brief(listed[page], score, folded)) } });
  const pagefind = await start();
  const texts = queries(folded);
  await Promise.all(texts.map(text => pagefind.preload(text)));  // fetch every chunk at once, then
  const answers = [];
  for (const text of texts) answers.push(await pagefind.search(text));  // one search at a time: same scores
  const best = new Map();
  for (const answer of answers)
    for (const result of answer?.results ?? [])
      if (!best.has(result.id) || result.score > best.get(result.id).score) best.set(result.id, result);
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const loaded = await Promise.all(ranked.slice(0, DETAILED).map(result => result.data()));
  const items = ranked.map((result, rank) => rank < DETAILED ? detailed(loaded[rank], result.score, folded)
    : pages[result.id] ? brief(pages[result.id], result.score, folded) : null);
  return { items: items.filter(Boolean) };
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    start().catch(error => console.warn("kehoach: tìm kiếm chưa sẵn sàng", error));
    pageList().catch(error => console.warn("kehoach: tìm kiếm chưa sẵn sàng", error));
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const ticket = ++latest;
    let data;
    try {
      data = await search(String(message.data ?? ""), ticket);
    } catch (error) {
      console.warn("kehoach: tìm kiếm lỗi", error);
      data = { items: [] };
    }
    if (ticket === latest) postMessage({ type: RESULT, data });
  }
});
