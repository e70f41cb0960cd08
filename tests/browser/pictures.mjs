// Opens pages written by `graphbuilder view` / `graphbuilder plot` in headless Chromium with the
// network cut off (offline context; every non-file request is aborted and recorded), reports
// what is drawn and saves a screenshot of each.
//
// Input (environment): PAGES, a JSON array of {kind: "graph" | "timeline", file, screenshot};
// CHROMIUM_PATH (default /usr/bin/chromium). Prints one JSON line: {pages: [...]} or {error}.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--no-proxy-server',
];

/** What the graph page drew: counts, colours, positions, and the details shown on hover. */
async function inspectGraph(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const drawn = await page.evaluate(() => {
    const cy = window.graphbuilderView.cy;
    const box = document.getElementById('cy').getBoundingClientRect();
    const inside = cy.nodes().filter((n) => {
      const p = n.renderedPosition();
      return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
    }).length;
    const colours = {};
    cy.nodes().forEach((n) => { colours[n.data('kind')] = n.style('background-color'); });
    const quadColours = {};
    cy.edges('[?event]').forEach((e) => { quadColours[e.data('quad')] = e.style('line-color'); });
    const captions = cy.nodes().map((n) => n.style('label'));
    return {
      nodes: cy.nodes().length, edges: cy.edges().length, inside, colours, quadColours, captions,
      legend: document.getElementById('legend').innerText,
      pwned: window.pwned === undefined ? null : window.pwned,
    };
  });
  // A real mouse hover over the most connected node, then over the middle of an event edge.
  const origin = await page.locator('#cy').boundingBox();
  const target = await page.evaluate(() => {
    const cy = window.graphbuilderView.cy;
    const node = cy.nodes().max((n) => n.degree()).ele;
    const edge = cy.edges('[?event]').filter((e) => !e.source().same(e.target()))[0];
    return { node: node.renderedPosition(), nodeName: node.data('name'),
             edge: edge ? edge.renderedMidpoint() : null };
  });
  await page.mouse.move(origin.x + target.node.x, origin.y + target.node.y);
  await page.waitForTimeout(300);
  drawn.hoverNode = { expected: target.nodeName, info: await page.locator('#info').innerText() };
  if (target.edge) {
    await page.mouse.move(origin.x + target.edge.x, origin.y + target.edge.y);
    await page.waitForTimeout(300);
    drawn.hoverEdge = {
      info: await page.locator('#info').innerText(),
      sentence: await page.locator('#info .sentence').innerText().catch(() => ''),
    };
  }
  await page.mouse.move(origin.x + 2, origin.y + 2);
  return drawn;
}

/** What the timeline page drew: bars per quad class, the Goldstein line and its points. */
async function inspectTimeline(page) {
  await page.waitForSelector('svg');
  return page.evaluate(() => {
    const bars = [...document.querySelectorAll('rect.bar')].map((r) => ({
      period: r.dataset.period, quad: Number(r.dataset.quad), count: Number(r.dataset.count),
      height: r.getBBox().height, fill: r.getAttribute('fill') }));
    const line = document.querySelector('polyline.goldstein');
    return {
      bars,
      linePoints: line ? line.points.numberOfItems : 0,
      points: [...document.querySelectorAll('circle.goldstein-point')].map((c) => ({
        period: c.dataset.period, score: Number(c.dataset.score) })),
      periods: [...document.querySelectorAll('text.period')].map((t) => t.textContent),
      summary: document.getElementById('summary').innerText,
      scripts: document.scripts.length,
    };
  });
}

async function main() {
  const pages = JSON.parse(process.env.PAGES || '[]');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const results = [];
  try {
    for (const job of pages) {
      const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const blocked = [];
      const errors = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      page.on('pageerror', (error) => errors.push(String(error.message || error).split('\n')[0]));
      await page.goto(pathToFileURL(job.file).href, { waitUntil: 'load' });
      const drawn = job.kind === 'graph' ? await inspectGraph(page) : await inspectTimeline(page);
      mkdirSync(dirname(job.screenshot), { recursive: true });
      await page.screenshot({ path: job.screenshot, fullPage: job.kind !== 'graph' });
      results.push({ ...drawn, kind: job.kind, blocked, errors, screenshot: job.screenshot });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify({ pages: results }));
}

main().then(() => process.exit(0), (error) => {
  console.log(JSON.stringify({ error: String(error.message || error).split('\n')[0] }));
  process.exit(2);
});
