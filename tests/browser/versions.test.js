// Versions from git, in the browser: a fixture repository with three tags
// and a branch (a page renamed by `git mv` in v1.1, one removed there) is
// built into OUT/<version>/ and opened over file://. OUT/index.html leads
// to the latest release; the header's switcher leads to the same page in
// another version (by the rename), or to the nearest section with a note
// where the page is gone; old releases carry a banner; version-switcher.js
// reads ../versions.js and adds versions the page was built before; and
// the open switcher passes axe.
"use strict";

const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { after, before, test } = require("node:test");
const { openSite, seriousViolations, sitePath, stayedOffline } = require("./lib");

// Newest first, as versions.js and the switcher list them.
const VERSIONS = ["v2.0", "v1.1", "v1.0", "main"];
const LATEST = "v2.0";

// Makes the fixture repository in a new temporary folder; returns it.
function makeRepository() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lontar-versions-"));
  const repo = path.join(dir, "repo");
  const home = path.join(dir, "home");
  fs.mkdirSync(repo);
  fs.mkdirSync(home);
  const gitEnv = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: "1" };
  const git = (args, date) => execFileSync("git", ["-C", repo, ...args], {
    env: date ? { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : gitEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  const commit = (date, message) => {
    git(["add", "-A"]);
    git(["commit", "-qm", message], date);
  };
  const md = (title, body) => `---\ntitle: ${title}\n---\n${body}\n`;

  git(["init", "-q"]);
  git(["config", "user.name", "Siti Aminah"]);
  git(["config", "user.email", "siti@example.org"]);
  git(["checkout", "-q", "-b", "main"]);
  write("lontar.yml", 'title: Kurikulum Uji\nversions:\n  tags: ["v*"]\n' +
    "  branches: [main]\n  labels:\n    main: Draf\n");
  write("index.md", md("Beranda", "Selamat datang."));
  write("panduan/pindah.md", md("Panduan Lapangan", "Langkah pertama kunjungan rumah.\n" +
    "Langkah kedua pencatatan.\nLangkah ketiga rujukan.\nLangkah keempat tindak lanjut."));
  write("panduan/lama.md", md("Panduan Lama", "Halaman ini dihapus di versi berikutnya."));
  write("modul/m1.md", "---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 4\n---\nIsi modul satu.\n");
  commit("2024-01-10T09:00:00+07:00", "v1.0");
  git(["tag", "v1.0"]);

  git(["mv", "panduan/pindah.md", "panduan/lapangan.md"]);
  git(["rm", "-q", "panduan/lama.md"]);
  commit("2024-02-10T09:00:00+07:00", "v1.1");
  git(["tag", "-a", "v1.1", "-m", "Rilis 1.1"], "2024-02-10T09:00:00+07:00");

  write("modul/m1.md", "---\nid: M1\ntitle: Modul Satu\nlevel: dasar\nduration: 6\n---\nIsi modul satu, diperluas.\n");
  commit("2024-03-10T09:00:00+07:00", "v2.0");
  git(["tag", "v2.0"]);

  write("index.md", md("Beranda", "Selamat datang di draf."));
  commit("2024-04-01T09:00:00+07:00", "draf");
  return { repo, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let fixture;
let site;      // as readers' browsers are
let axeSite;   // stylesheets readable by axe (see launchChromium)
before(async () => {
  fixture = makeRepository();
  site = await openSite({ source: fixture.repo });
  axeSite = await openSite({ source: fixture.repo, cssReadable: true });
});
after(async () => {
  if (site) await site.close();
  if (axeSite) await axeSite.close();
  if (fixture) fixture.cleanup();
});

// Opens REL of the site and waits for its scripts.
async function open(rel, from = site) {
  const page = await from.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(from.url(rel));
  return page;
}

// Clicks a link and waits for the page it opens.
async function follow(page, link) {
  await Promise.all([page.waitForEvent("load"), link.click()]);
}

// Opens the page's version switcher by clicking its summary; returns the
// list, now shown.
async function openSwitcher(page) {
  const box = page.locator("header details.version-switcher");
  const list = box.locator(".version-list");
  assert.equal(await list.isVisible(), false, "the switcher is open before it is clicked");
  await box.locator("summary").click();
  assert.equal(await list.isVisible(), true, "clicking the summary did not open the switcher");
  assert.equal(await box.getAttribute("open"), "");
  return list;
}

// The switcher's entry (li) for version V.
function entry(page, list, v) {
  return list.locator("li", { has: page.locator(`a[data-version="${v}"]`) });
}

const heading = async (page) => (await page.locator("main h1").first().innerText()).trim();
const oldBanner = (page) => page.locator("main .version-banner.version-old");

test("OUT/index.html leads to the latest release's home page", async () => {
  const page = await site.newPage();
  await page.goto(site.url("index.html"));
  await page.waitForURL((url) => url.pathname.endsWith(`/${LATEST}/index.html`), { timeout: 5000 });
  assert.equal(sitePath(site, page), `${LATEST}/index.html`);
  // The release's home page, not the draft's.
  assert.match(await page.locator("main .content").innerText(), /^Selamat datang\.$/);
  assert.equal(await page.locator("header .version-current-label").innerText(), LATEST);
  await page.close();
});

test("an old release's page → the switcher → the same page, renamed, in the latest", async () => {
  const page = await open("v1.0/panduan/pindah.html");
  assert.equal(await heading(page), "Panduan Lapangan");
  assert.equal(await oldBanner(page).isVisible(), true, "no old-version banner on v1.0");
  assert.match(await oldBanner(page).innerText(), /versi lama/);
  assert.equal(await page.locator("header .version-current-label").innerText(), "v1.0");

  const list = await openSwitcher(page);
  assert.equal(await list.locator("a[aria-current=page]").getAttribute("data-version"), "v1.0");
  await follow(page, list.locator(`a[data-version="${LATEST}"]`));

  assert.equal(sitePath(site, page), `${LATEST}/panduan/lapangan.html`);
  assert.equal(await heading(page), "Panduan Lapangan");
  assert.equal(await oldBanner(page).count(), 0, "the latest release has the old-version banner");
  assert.equal(await page.locator("main .version-banner").count(), 0);
  assert.equal(await page.locator("header .version-current-label").innerText(), LATEST);
  const current = page.locator(".version-switcher a[aria-current=page]");
  assert.equal(await current.getAttribute("data-version"), LATEST);
  await page.close();
});

test("the old-version banner's link leads to the same page in the latest", async () => {
  const page = await open("v1.1/panduan/lapangan.html");
  await follow(page, oldBanner(page).locator("a"));
  assert.equal(sitePath(site, page), `${LATEST}/panduan/lapangan.html`);
  await page.close();
});

test("back from the latest to v1.0 follows the rename the other way", async () => {
  const page = await open(`${LATEST}/panduan/lapangan.html`);
  const list = await openSwitcher(page);
  await follow(page, list.locator('a[data-version="v1.0"]'));
  assert.equal(sitePath(site, page), "v1.0/panduan/pindah.html");
  assert.equal(await oldBanner(page).isVisible(), true);
  await page.close();
});

test("a page removed in v1.1: the switcher says so and leads to the section", async () => {
  const page = await open("v1.0/panduan/lama.html");
  const list = await openSwitcher(page);
  for (const v of ["v1.1", LATEST, "main"]) {
    const note = entry(page, list, v).locator(".version-note");
    assert.equal(await note.isVisible(), true, `no fallback note for ${v}`);
    assert.match(await note.innerText(), /tidak ada di versi itu: ke bagian terdekat/);
  }
  const own = entry(page, list, "v1.0").locator(".version-note");
  assert.equal(await own.count(), 0, "the page's own version has a note");

  await follow(page, list.locator(`a[data-version="${LATEST}"]`));
  assert.equal(sitePath(site, page), `${LATEST}/panduan/index.html`);
  assert.equal(await oldBanner(page).count(), 0);
  await page.close();
});

// The links the page's switcher shows, by version, in order.
async function listed(page) {
  return page.locator(".version-switcher .version-list a").evaluateAll(
    (links) => links.map((a) => a.getAttribute("data-version")));
}

test("versions.js loads from file:// and the switcher lists every version", async () => {
  for (const rel of ["v1.0/panduan/pindah.html", "main/index.html", `${LATEST}/panduan/index.html`]) {
    const page = await open(rel);
    const data = await page.evaluate(() => window.lontarVersions);
    assert.ok(data, `window.lontarVersions is not defined on ${rel}`);
    assert.equal(data.latest, LATEST);
    assert.deepEqual(data.versions.map((v) => v.name), VERSIONS);
    assert.deepEqual(await listed(page), VERSIONS, `the switcher of ${rel}`);
    await page.close();
  }
});

test("version-switcher.js adds a version published after the page was built", async () => {
  const file = path.join(site.dir, "versions.js");
  const saved = fs.readFileSync(file, "utf8");
  const prefix = "window.lontarVersions = ";
  const at = saved.indexOf(prefix);
  assert.ok(at >= 0, `versions.js: ${saved.slice(0, 120)}`);
  const data = JSON.parse(saved.slice(at + prefix.length).replace(/;\s*$/, ""));
  const newer = { ...data.versions[0], name: "v3.0", label: "v3.0", folder: "v3.0" };
  data.latest = "v3.0";
  data.versions.unshift(newer);
  fs.writeFileSync(file, `${prefix}${JSON.stringify(data)};\n`);
  try {
    const page = await open("v1.0/panduan/pindah.html");
    const list = await openSwitcher(page);
    assert.deepEqual(await listed(page), ["v3.0", ...VERSIONS]);
    const added = list.locator('a[data-version="v3.0"]');
    assert.equal(await added.evaluate((a) => a.href), site.url("v3.0/index.html"));
    assert.equal(await added.innerText(), "v3.0");
    const note = entry(page, list, "v3.0").locator(".version-note");
    assert.match(await note.innerText(), /versi yang lebih baru: ke beranda/);
    await page.close();
  } finally {
    fs.writeFileSync(file, saved);
  }
});

test("the keyboard opens the switcher, reaches its links, and Escape closes it", async () => {
  const page = await open("v1.0/panduan/pindah.html");
  const summary = page.locator(".version-switcher summary");
  const list = page.locator(".version-switcher .version-list");
  await summary.focus();
  await page.keyboard.press("Enter");
  assert.equal(await list.isVisible(), true, "Enter did not open the switcher");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.getAttribute("data-version"));
  assert.equal(focused, VERSIONS[0]);
  await page.keyboard.press("Escape");
  assert.equal(await list.isVisible(), false, "Escape did not close the switcher");
  assert.equal(await summary.evaluate((s) => s === document.activeElement), true,
    "Escape did not give the focus back to the summary");
  await page.close();
});

for (const width of [1280, 360]) {
  test(`${width} px: the open list lies over the page, inside the window, and a click ` +
    "elsewhere closes it", async () => {
    const page = await site.newPage({ width });
    page.setDefaultTimeout(5000);
    await page.goto(site.url("v1.0/panduan/lama.html"));
    const top = () => page.locator("main").evaluate((m) => m.getBoundingClientRect().top);
    const before = await top();
    const list = await openSwitcher(page);
    assert.equal(await top(), before, "opening the switcher moved the page down");
    const menu = await page.locator(".version-menu").boundingBox();
    assert.ok(menu.x >= 0 && menu.x + menu.width <= width,
      `the list is outside the window: ${JSON.stringify(menu)}`);
    // What it covers is under it: its links are the ones clicked there.
    const link = list.locator(`a[data-version="${LATEST}"]`);
    const box = await link.boundingBox();
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).closest("a")
      ?.getAttribute("data-version"), [box.x + box.width / 2, box.y + box.height / 2]);
    assert.equal(hit, LATEST, "something lies over the open list");
    await page.mouse.click(width - 5, 795);
    assert.equal(await list.isVisible(), false, "a click elsewhere did not close the switcher");
    await page.close();
  });
}

for (const view of [{ width: 1280, colorScheme: "light" }, { width: 360, colorScheme: "dark" }]) {
  test(`the open switcher and the banner, ${view.width} px, ${view.colorScheme}: no serious ` +
    "or critical axe violation", async () => {
    for (const rel of ["v1.0/panduan/lama.html", "main/index.html"]) {
      const page = await axeSite.newPage(view);
      await page.goto(axeSite.url(rel));
      await page.locator(".version-switcher summary").click();
      await page.locator(".version-switcher .version-list").waitFor();
      const found = await seriousViolations(page);
      assert.equal(found.length, 0, `${rel}:\n${found.join("\n")}`);
      await page.close();
    }
  });
}

stayedOffline(() => ({
  requests: [...site.requests, ...axeSite.requests],
  problems: [...site.problems, ...axeSite.problems],
}));
