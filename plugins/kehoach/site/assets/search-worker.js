/* kehoach: the worker behind Material's search box, answered by Pagefind.
 *
 * Material talks to its search worker with four messages (SETUP, READY, QUERY,
 * RESULT; Material documents replacing the worker). This one keeps Material's
 * box, result list and highlighting, and asks Pagefind's chunked index
 * (pagefind/, written after the build) instead of building a lunr index of the
 * whole site. The query is folded first (no tone marks, đ -> d, lower case), so
 * a query typed with or without diacritics is the same query. Pagefind folds
 * tone marks in its index but keeps đ, so each folded "d" is tried as "d" and
 * as "đ" and the results are merged. See DEVELOPING.md, "Search index".
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
const DETAILED = 10;      // results shown with an excerpt and their sections (Material renders 10 at first)
const MAX_SPELLINGS = 16; // "d"/"đ" combinations tried for one query
const root = new URL("../../", self.location.href);  // this file is assets/kehoach/search-worker.js
let engine = null;        // Promise of [pagefind module, page list]
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
  engine ??= Promise.all([
    import(new URL("pagefind/pagefind.js", root).href).then(async pagefind => {
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    }),
    fetch(new URL("pagefind/pages.json", root)).then(response => response.json()),
  ]);
  return engine;
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

async function search(query) {
  const folded = words(query);
  if (!folded.length) return { items: [] };
  const [pagefind, pages] = await start();
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
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const ticket = ++latest;
    let data;
    try {
      data = await search(String(message.data ?? ""));
    } catch (error) {
      console.warn("kehoach: tìm kiếm lỗi", error);
      data = { items: [] };
    }
    if (ticket === latest) postMessage({ type: RESULT, data });
  }
});
