// axe-core on the home page, a module page and the search results page,
// with the search list open too: no serious or critical violation. Each
// page is checked wide in the light scheme and at phone width in the dark
// one, since the header, sidebar and colours change between them. Every
// rule axe runs by default stays on.
"use strict";

const assert = require("node:assert/strict");
const { after, before, test } = require("node:test");
const { openSite, seriousViolations, stayedOffline, typeSearch } = require("./lib");

const PAGES = {
  "the home page": "index.html",
  "a module page": "modul/m2-proses-pertolongan.html",
  "the search results page": "cari.html?q=ditolong",
};
const VIEWS = [
  { width: 1280, colorScheme: "light" },
  { width: 360, colorScheme: "dark" },
];

let site;
before(async () => {
  site = await openSite({ cssReadable: true });
});
after(() => site && site.close());

async function expectNoSerious(page, what) {
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `${what}:\n${found.join("\n")}`);
}

for (const [name, rel] of Object.entries(PAGES)) {
  for (const view of VIEWS) {
    test(`${name}, ${view.width} px, ${view.colorScheme}: no serious or critical violation`, async () => {
      const page = await site.newPage(view);
      await page.goto(site.url(rel));
      if (rel.startsWith("cari.html")) {
        await page.locator(".search-page-results li").first().waitFor();
      }
      await expectNoSerious(page, `${rel} at ${view.width} px, ${view.colorScheme}`);
      await page.close();
    });
  }
}

test("the search list, open with a result chosen: no serious or critical violation", async () => {
  const page = await site.newPage();
  await page.goto(site.url("index.html"));
  await typeSearch(page, "ditolong");
  await page.keyboard.press("ArrowDown");
  await expectNoSerious(page, "index.html with the search list open");
  await page.close();
});

stayedOffline(() => site);
