// Offline search in the browser over file://: results as you type for an
// inflected word, clicking or choosing a result with the keyboard opens its
// page, "/" focuses the box, Enter opens the results page (cari.html).
"use strict";

const assert = require("node:assert/strict");
const { after, before, test } = require("node:test");
const { openSite, sitePath, stayedOffline, typeSearch } = require("./lib");

// "ditolong" (is helped) shares its stem "tolong" with the title of module
// M2, "Proses Pertolongan dalam Pekerjaan Sosial", and with no word of the
// query itself: a result there means the stemmer and index agree.
const QUERY = "ditolong";
const TARGET = "modul/m2-proses-pertolongan.html";
const TARGET_TITLE = "Proses Pertolongan dalam Pekerjaan Sosial";

let site;
before(async () => {
  site = await openSite();
});
after(() => site && site.close());

// Opens a page other than the target, so that opening a result shows.
async function openStart() {
  const page = await site.newPage();
  await page.goto(site.url("konsep/index.html"));
  return page;
}

async function typeQuery(page) {
  const options = await typeSearch(page, QUERY);
  assert.equal(await options.first().isVisible(), true, "the list of results is hidden");
  return options;
}

test("results appear while typing an inflected word, best first", async () => {
  const page = await openStart();
  const options = await typeQuery(page);
  assert.equal(sitePath(site, page), "konsep/index.html", "typing left the page");
  assert.equal(await page.locator("#search-input").getAttribute("aria-expanded"), "true");
  const first = options.first().locator(".search-title");
  assert.equal(await first.innerText(), TARGET_TITLE);
  // The word that matched is highlighted, though the reader typed another form.
  assert.equal(await first.locator("mark").innerText(), "Pertolongan");
  assert.match(await page.locator(".search-status").innerText(), /\d+ halaman cocok/);
  await page.close();
});

test("clicking a result opens its page", async () => {
  const page = await openStart();
  const options = await typeQuery(page);
  await Promise.all([page.waitForURL((u) => u.href.endsWith(TARGET)), options.first().click()]);
  assert.equal(await page.locator("main h1").innerText(), TARGET_TITLE);
  await page.close();
});

test('"/" focuses the search box; arrows choose a result, Enter opens it', async () => {
  const page = await openStart();
  await page.locator("main h1").click(); // focus in the page, not in a field
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  assert.equal(await page.locator("#search-input").inputValue(), "", '"/" was typed into the box');

  const options = await typeQuery(page);
  const input = page.locator("#search-input");
  const selected = () => page.locator("#search-results [aria-selected=true]");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await selected().count(), 1);
  assert.equal(await input.getAttribute("aria-activedescendant"), await options.nth(1).getAttribute("id"));
  await page.keyboard.press("ArrowUp");
  assert.equal(await input.getAttribute("aria-activedescendant"), await options.nth(0).getAttribute("id"));

  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".search-panel").isVisible(), false, "Escape did not close the list");
  await page.keyboard.press("ArrowDown"); // reopens the list
  await page.keyboard.press("ArrowDown"); // and chooses the first result
  await Promise.all([page.waitForURL((u) => u.href.endsWith(TARGET)), page.keyboard.press("Enter")]);
  await page.close();
});

test("Enter in the box opens the results page, whose links work", async () => {
  const page = await openStart();
  await typeQuery(page);
  await Promise.all([page.waitForURL(/cari\.html\?q=/), page.keyboard.press("Enter")]);
  assert.equal(sitePath(site, page), "cari.html");
  assert.equal(await page.locator("main h1").innerText(), `Hasil pencarian: ${QUERY}`);
  const results = page.locator("main .search-page-results a");
  assert.ok(await results.count() >= 1, "the results page lists nothing");
  assert.equal(await results.first().locator(".search-title").innerText(), TARGET_TITLE);
  await Promise.all([page.waitForURL((u) => u.href.endsWith(TARGET)), results.first().click()]);
  await page.close();
});

stayedOffline(() => site);
