// Phones: at 360 CSS px wide (a common small phone) no page scrolls
// sideways; wide tables and code scroll inside their own boxes.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { after, before, test } = require("node:test");
const { openSite, stayedOffline } = require("./lib");

const WIDTH = 360;

let site;
before(async () => {
  site = await openSite();
});
after(() => site && site.close());

// The pages to measure: the home page, every module page (their session
// tables are the widest content) and the search results page.
function pages() {
  const modules = fs.readdirSync(path.join(site.dir, "modul"))
    .filter((f) => f.endsWith(".html") && f !== "index.html")
    .map((f) => `modul/${f}`);
  assert.ok(modules.length > 0, "no module pages in the built site");
  return ["index.html", ...modules, "cari.html?q=ditolong"];
}

async function overflow(rel) {
  const page = await site.newPage({ width: WIDTH });
  try {
    await page.goto(site.url(rel));
    if (rel.startsWith("cari.html")) {
      // search.js draws the results: measure them, not an empty page.
      await page.locator(".search-page-results li").first().waitFor();
    }
    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.equal(size.client, WIDTH, "the viewport is not the phone's width");
    return size.scroll > size.client ? `${rel}: ${size.scroll} px wide` : null;
  } finally {
    await page.close();
  }
}

test(`no page scrolls sideways at ${WIDTH} px: home, modules, search results`, async () => {
  const wide = [];
  for (const rel of pages()) {
    const found = await overflow(rel);
    if (found) {
      wide.push(found);
    }
  }
  assert.deepEqual(wide, [], `pages wider than ${WIDTH} px`);
});

stayedOffline(() => site);
