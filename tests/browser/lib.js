// Shared helpers for the browser tests: each test file builds the bundled
// curriculum with the real binary ($LONTAR) into a temporary folder, opens
// it over file:// in Debian's Chromium (driven by playwright-core) and
// records every request its pages make.
//
// A test file calls openSite() in a before() hook and site.close() in an
// after() hook, and ends with stayedOffline(() => site) so every file also
// checks that nothing it opened left file://.
"use strict";

const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const { pathToFileURL } = require("node:url");

// Missing tools are failures, not skips: a suite that quietly skips its
// browser tests looks green while testing nothing.
let chromium;
try {
  ({ chromium } = require("playwright-core"));
} catch (err) {
  throw new Error("playwright-core is missing: run `npm ci` in tests/browser " +
    "(scripts/install-deps.sh does)\n" + err.message);
}

const CHROMIUM = process.env.LT_CHROMIUM || "/usr/bin/chromium";
const AXE = path.join(__dirname, "node_modules", "axe-core", "axe.min.js");

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name} (ctest does; see tests/CMakeLists.txt)`);
  }
  return value;
}

// Builds SRC (default: the bundled content/) into a fresh temporary folder;
// returns {dir, cleanup}.
function buildSite(src) {
  const source = src || path.join(env("LT_SOURCE_DIR"), "content");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lontar-browser-"));
  const out = path.join(dir, "site");
  const run = spawnSync(env("LONTAR"), ["build", source, "-o", out], {
    encoding: "utf8",
    env: { ...process.env, LONTAR_HANDBOOK_PDF: "never" },
  });
  if (run.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`lontar build ${source} exited ${run.status}:\n${run.stderr}`);
  }
  return { dir: out, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// opts.cssReadable: lets pages read their stylesheets' rules, which
// Chromium forbids to file:// pages by default. axe reads them before it
// runs (for its rules that look at CSS), and when it may not, asks for the
// stylesheets again with XHR, which fails on file://. Tests of how the site
// behaves leave it off: readers' browsers have it off.
function launchChromium(opts = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install the Debian package ` +
      "`chromium` (scripts/install-deps.sh does)");
  }
  // --no-sandbox: Chromium refuses to start as root (CI containers) with
  // its sandbox on. The pages are the site's own, not the web's.
  const args = ["--no-sandbox"];
  if (opts.cssReadable) {
    args.push("--allow-file-access-from-files");
  }
  return chromium.launch({ executablePath: CHROMIUM, args });
}

// Builds the site and opens a browser on it (opts: as launchChromium's;
// opts.source: what to build, as buildSite's src). The result:
//   url(rel)       the file:// URL of a page of the site ("modul/index.html")
//   newPage(opts)  a page; opts.width sets the viewport width in CSS px,
//                  opts.colorScheme "light" or "dark"
//   requests       every URL any page asked for, in order
//   problems       script errors and failed loads, as text
//   close()
async function openSite(opts = {}) {
  const built = buildSite(opts.source);
  let browser;
  try {
    browser = await launchChromium(opts);
  } catch (err) {
    built.cleanup();
    throw err;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const problems = [];
  const base = pathToFileURL(built.dir + path.sep).href;
  // Every page of the context, popups too, reports what it asks for.
  context.on("page", (page) => {
    page.on("request", (req) => requests.push(req.url()));
    page.on("requestfailed", (req) =>
      problems.push(`failed to load ${req.url()}: ${req.failure().errorText}`));
    page.on("pageerror", (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  });
  return {
    dir: built.dir,
    requests,
    problems,
    url: (rel) => new URL(rel, base).href,
    async newPage(opts = {}) {
      const page = await context.newPage();
      if (opts.width) {
        await page.setViewportSize({ width: opts.width, height: 800 });
      }
      if (opts.colorScheme) {
        await page.emulateMedia({ colorScheme: opts.colorScheme });
      }
      return page;
    },
    async close() {
      await browser.close();
      built.cleanup();
    },
  };
}

// Registers the test every file ends with: no request left file:// (data:
// URLs are part of the page), and no script error or failed load.
function stayedOffline(getSite) {
  test("every request stays on file://, with no script error or failed load", () => {
    const site = getSite();
    assert.ok(site.requests.length > 0, "no request was recorded");
    const away = site.requests.filter((u) => !/^(file|data):/.test(u));
    assert.deepEqual(away, [], "requests that left file://");
    assert.deepEqual(site.problems, []);
  });
}

// Runs axe-core on the page; returns its serious and critical violations
// as readable lines (empty when there are none).
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n"));
}

// Types query into the search box key by key, as a reader would, and
// waits for the list of results of the whole query; returns its options.
// Lists for the first letters may be drawn meanwhile. search.js draws a
// list only while the box holds the query it is for, so the box's value
// when the list changes names the query the list shows.
async function typeSearch(page, query) {
  await page.evaluate(() => {
    const input = document.getElementById("search-input");
    new MutationObserver(() => {
      window.lontarListFor = input.value;
    }).observe(document.getElementById("search-results"), { childList: true });
  });
  await page.locator("#search-input").pressSequentially(query, { delay: 20 });
  await page.waitForFunction((q) => window.lontarListFor === q, query, { timeout: 5000 });
  return page.locator("#search-results [role=option]");
}

// The page's path relative to the site root: "modul/index.html".
function sitePath(site, page) {
  const url = page.url().replace(/[?#].*$/, "");
  return decodeURIComponent(url.slice(site.url("").length));
}

module.exports = {
  buildSite, launchChromium, openSite, stayedOffline, seriousViolations, sitePath, typeSearch,
};
