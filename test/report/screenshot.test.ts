/**
 * report.html in a real headless browser (Debian's chromium, driven by playwright-core): the
 * page is screenshotted and each chart's box must hold the pixels of every regime's line, in its
 * colour — a check of what a reader sees, not of the markup. A control with the charts' SVG
 * content removed must fail the same check. The screenshot is kept in the temp folder
 * (collapse-report-screenshot.png) for a person to look at.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { decode } from "fast-png";
import { chromium, type Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.ts";
import { plantedClaimReport, tinyClaims } from "./fixtures.ts";

const CHROMIUM = "/usr/bin/chromium";
const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const SKIP_MESSAGE = `SKIPPED: ${CHROMIUM} is missing and CI is not set — install Debian's chromium (apt-get install -y chromium) to run the screenshot test; in CI it always runs`;
if (SKIP) console.warn(`report.html screenshot test ${SKIP_MESSAGE}`);

/** The series colours of the fraction charts (see src/report/render/charts.ts): replace, accumulate, fresh. */
const SERIES_COLOURS: Record<string, [number, number, number]> = {
  replace: [0x1f, 0x77, 0xb4],
  accumulate: [0xff, 0x7f, 0x0e],
  fresh: [0x2c, 0xa0, 0x2c],
};

/**
 * The trajectory charts' layers as painted on white (src/report/render/charts.ts): the median line
 * (#08306b, opaque), the 90% band (#c6dbef at opacity 0.7 over white) and the 50% band (#6baed6
 * at opacity 0.6 over the 90% band, which contains it).
 */
const LAYER_COLOURS: Record<string, [number, number, number]> = {
  median: [0x08, 0x30, 0x6b],
  band90: [215, 230, 244],
  band50: [150, 196, 226],
};
/** The bands are pale: a tighter match keeps the grid lines (#dddddd, 38 away) out of band90. */
const LAYER_TOLERANCE: Record<string, number> = { median: 60, band90: 30, band50: 30 };
/** Minimum pixels per chart: 3 panels' median lines (~400 px each); bands well above a legend symbol (~100 px). */
const LAYER_MINIMUM: Record<string, number> = { median: 600, band90: 1000, band50: 500 };

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface Png {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: ArrayLike<number>;
}

/** Pixels in a box: near each of the given colours, and anything not white. */
function boxPixels(
  png: Png,
  box: Box,
  palette: Record<string, [number, number, number]>,
  tolerance: Record<string, number> = {},
): { colours: Record<string, number>; ink: number; area: number } {
  const colours: Record<string, number> = Object.fromEntries(
    Object.keys(palette).map((k) => [k, 0]),
  );
  let ink = 0;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(png.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(png.height, Math.ceil(box.y + box.h));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * png.channels;
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (r < 245 || g < 245 || b < 245) ink++;
      for (const [name, [cr, cg, cb]] of Object.entries(palette)) {
        const within = tolerance[name] ?? 60;
        if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < within) colours[name]++;
      }
    }
  }
  return { colours, ink, area: (x1 - x0) * (y1 - y0) };
}

/**
 * A chart is drawn when its box holds some ink and: for a fraction chart, every regime's line
 * colour; for a trajectory chart, the median line and both bands of the chains.
 */
/** The generation colours of the histogram charts (src/report/render/charts.ts), t = 1 … T. */
const GENERATION_COLOURS: Record<string, [number, number, number]> = {
  first: [0xbc, 0xbd, 0xdc],
  last: [0x3f, 0x00, 0x7d],
};

function chartDrawn(png: Png, box: Box): boolean {
  if (box.id.startsWith("histogram-")) {
    // The first and the last generation's step lines are both drawn.
    const p = boxPixels(png, box, GENERATION_COLOURS);
    return Object.values(p.colours).every((n) => n >= 40) && p.ink / p.area > 0.01;
  }
  if (box.id.startsWith("collapsed-")) {
    const p = boxPixels(png, box, SERIES_COLOURS);
    return Object.values(p.colours).every((n) => n >= 40) && p.ink / p.area > 0.02;
  }
  const p = boxPixels(png, box, LAYER_COLOURS, LAYER_TOLERANCE);
  return (
    Object.entries(p.colours).every(([k, n]) => n >= LAYER_MINIMUM[k]) && p.ink / p.area > 0.02
  );
}

function pixelsOf(png: Png, box: Box) {
  if (box.id.startsWith("histogram-")) return boxPixels(png, box, GENERATION_COLOURS);
  return box.id.startsWith("collapsed-")
    ? boxPixels(png, box, SERIES_COLOURS)
    : boxPixels(png, box, LAYER_COLOURS, LAYER_TOLERANCE);
}

const work = mkdtempSync(join(tmpdir(), "collapse-report-shot-"));
const FAILING_ID = "tiny-decay-expected-to-hold";
/** The failure highlight (src/report/render/html.ts): banner and failing rows #fdecea, borders #c62828. */
const FAILURE_COLOURS: Record<string, [number, number, number]> = {
  fill: [0xfd, 0xec, 0xea],
  border: [0xc6, 0x28, 0x28],
};
/** The page widths a reader uses: a wide screen and half of one. */
const WIDTHS = [1400, 800] as const;
// Created only when the test runs: a skipped suite runs no afterAll, and a scratch claims folder
// left in properties/ would be picked up by the next `vitest run`.
let scratch: ReturnType<typeof tinyClaims> | undefined;

afterAll(() => {
  scratch?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

async function writeSampleReport(): Promise<string> {
  scratch ??= tinyClaims("report-shot");
  const full = await plantedClaimReport(scratch, "standard", "screenshot-test", FAILING_ID);
  return (await writeReport(join(work, "report"), full)).html;
}

/** A box of the page, in page coordinates (for the full-page screenshot). */
async function boxOf(page: Page, selector: string, id: string): Promise<Box> {
  const r = await page.$eval(selector, (el) => {
    const b = el.getBoundingClientRect();
    const view = globalThis as unknown as { scrollX: number; scrollY: number };
    return { x: b.x + view.scrollX, y: b.y + view.scrollY, w: b.width, h: b.height };
  });
  return { id, ...r };
}

describe("report.html in headless chromium", () => {
  it.skipIf(SKIP)(
    SKIP
      ? SKIP_MESSAGE
      : `at ${WIDTHS.join(" and ")} px: a failure banner, the failing row first and highlighted, no horizontal overflow, every chart drawn (median lines and chain bands, each regime's collapsed fraction, the first and last generation's histograms)`,
    async () => {
      const html = await writeSampleReport();
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        for (const width of WIDTHS) {
          const page = await browser.newPage({
            viewport: { width, height: 1000 },
            deviceScaleFactor: 1,
          });
          const requests: string[] = [];
          page.on("request", (r) => requests.push(r.url()));
          await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
          // Self-contained: the page itself is the only thing loaded.
          expect(requests).toEqual([pathToFileURL(html).href]);

          // Nothing wider than the window: wide tables scroll inside their own box.
          const overflow = await page.evaluate(() => {
            const d = (
              globalThis as unknown as {
                document: { documentElement: { scrollWidth: number; clientWidth: number } };
              }
            ).document.documentElement;
            return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
          });
          expect(
            overflow.scrollWidth,
            `${width} px: ${JSON.stringify(overflow)}`,
          ).toBeLessThanOrEqual(overflow.clientWidth);

          const boxes: Box[] = await page.$$eval("figure.chart svg", (svgs) =>
            svgs.map((svg) => {
              const r = svg.getBoundingClientRect();
              // In the page, globalThis is the window.
              const view = globalThis as unknown as { scrollX: number; scrollY: number };
              const figure = svg.closest("figure");
              return {
                id: figure?.getAttribute("data-chart") ?? "",
                x: r.x + view.scrollX,
                y: r.y + view.scrollY,
                w: r.width,
                h: r.height,
              };
            }),
          );
          expect(boxes.map((b) => b.id)).toEqual([
            "variance-unbiased",
            "variance-mle",
            "tail-mass",
            "support",
            "entropy",
            "heterozygosity",
            "collapsed-variance-unbiased",
            "collapsed-variance-mle",
            "collapsed-tail-mass",
            "collapsed-support",
            "histogram-variance-unbiased",
            "histogram-entropy",
          ]);
          for (const b of boxes) expect(b.w * b.h).toBeGreaterThan(300 * 200);

          // The banner opens the page (within the first screen) and the failures section is
          // the first section, holding exactly the failing claim.
          const banner = await boxOf(page, "header.banner", "banner");
          expect(banner.y + banner.h, `${width} px: banner ${JSON.stringify(banner)}`).toBeLessThan(
            1000,
          );
          const failingIds = await page.$$eval("#failures + .scroll tr.failing code", (codes) =>
            codes.map((c) => c.textContent),
          );
          expect(failingIds).toEqual([FAILING_ID]);
          const row = await boxOf(page, "#failures + .scroll tr.failing", "failing-row");
          const plantedRow = await boxOf(page, "#planted ~ .scroll tbody tr", "planted-row");
          expect(row.y).toBeLessThan(plantedRow.y);

          const shot = await page.screenshot({ fullPage: true });
          const keep = join(tmpdir(), `collapse-report-screenshot-${width}.png`);
          writeFileSync(keep, shot);
          console.log(`report.html screenshot at ${width} px: ${keep}`);
          const png = decode(shot) as Png;
          // Highlighted: most of the banner and of the failing row is the failure fill, with
          // the red border drawn; the planted claim's (expected) refutation row is not.
          for (const b of [banner, row]) {
            const p = boxPixels(png, b, FAILURE_COLOURS, { fill: 12, border: 40 });
            expect(
              p.colours.fill / p.area,
              `${width} px ${b.id}: ${JSON.stringify(p)}`,
            ).toBeGreaterThan(0.3);
            expect(p.colours.border, `${width} px ${b.id}: ${JSON.stringify(p)}`).toBeGreaterThan(
              b.h,
            );
          }
          const planted = boxPixels(png, plantedRow, FAILURE_COLOURS, { fill: 12, border: 40 });
          expect(planted.colours.fill / planted.area, JSON.stringify(planted)).toBeLessThan(0.01);

          for (const b of boxes) {
            const p = pixelsOf(png, b);
            expect(chartDrawn(png, b), `${width} px ${b.id}: ${JSON.stringify(p)}`).toBe(true);
          }

          // Control: the same page with the charts' drawings removed fails the same check.
          await page.$$eval("figure.chart svg", (svgs) => {
            for (const svg of svgs) svg.replaceChildren();
          });
          const blank = decode(await page.screenshot({ fullPage: true })) as Png;
          for (const b of boxes) expect(chartDrawn(blank, b), b.id).toBe(false);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    },
  );
});
