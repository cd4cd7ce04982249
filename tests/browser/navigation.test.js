// Navigation of the bundled curriculum over file://: from the home page to
// a module by following links, the previous/next pager, and the menu
// button that opens the sidebar on a phone.
"use strict";

const assert = require("node:assert/strict");
const { after, before, test } = require("node:test");
const { openSite, sitePath, stayedOffline } = require("./lib");

let site;
before(async () => {
  site = await openSite();
});
after(() => site && site.close());

async function heading(page) {
  return (await page.locator("main h1").first().innerText()).trim();
}

// Clicks a link and waits for the page it opens.
async function follow(page, link) {
  await Promise.all([page.waitForEvent("load"), link.click()]);
}

test("home page → modules section → a module, by clicking links", async () => {
  const page = await site.newPage();
  await page.goto(site.url("index.html"));
  assert.equal(await heading(page), "Pelatihan Strategi Dasar Pekerjaan Sosial");

  await follow(page, page.locator("main .children a", { hasText: "Modul Pelatihan" }));
  assert.equal(sitePath(site, page), "modul/index.html");
  assert.equal(await heading(page), "Modul Pelatihan");
  // The sidebar marks where we are.
  assert.equal(await page.locator("#sidebar [aria-current=page]").innerText(), "Modul Pelatihan");

  await follow(page, page.locator("main .children a", { hasText: "Proses Pertolongan" }));
  assert.equal(sitePath(site, page), "modul/m2-proses-pertolongan.html");
  assert.equal(await heading(page), "Proses Pertolongan dalam Pekerjaan Sosial");
  await page.close();
});

test("previous and next links go to the pages they name, and back", async () => {
  const page = await site.newPage();
  await page.goto(site.url("modul/m2-proses-pertolongan.html"));
  const start = await heading(page);

  const next = page.locator("a[rel=next]");
  const nextTitle = (await next.locator(".pager-title").innerText()).trim();
  await follow(page, next);
  assert.equal(sitePath(site, page), "modul/m3-menggali-masalah.html");
  assert.equal(await heading(page), nextTitle);

  // The next page's "previous" is where we came from.
  await follow(page, page.locator("a[rel=prev]"));
  assert.equal(sitePath(site, page), "modul/m2-proses-pertolongan.html");
  assert.equal(await heading(page), start);

  const prev = page.locator("a[rel=prev]");
  const prevTitle = (await prev.locator(".pager-title").innerText()).trim();
  await follow(page, prev);
  assert.equal(sitePath(site, page), "modul/m1-kesejahteraan-pekerjaan-sosial.html");
  assert.equal(await heading(page), prevTitle);
  await page.close();
});

test("on a phone the menu button shows the sidebar, whose links work", async () => {
  const page = await site.newPage({ width: 360 });
  await page.goto(site.url("modul/m2-proses-pertolongan.html"));
  const sidebar = page.locator("#sidebar");
  assert.equal(await sidebar.isVisible(), false, "the sidebar is open before the menu is");
  await page.locator(".menu-button").click();
  assert.equal(await sidebar.isVisible(), true, "the menu button did not open the sidebar");
  await follow(page, sidebar.locator("a", { hasText: "Terminasi dan Rujukan" }));
  assert.equal(sitePath(site, page), "modul/m7-terminasi-rujukan.html");
  await page.close();
});

stayedOffline(() => site);
