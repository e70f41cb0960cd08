// End-to-end check of the Neo4j Browser in headless Debian Chromium (playwright-core).
//
// Logs in to the Browser, runs one Cypher query, screenshots the graph view,
// switches to the table view and checks that every expected name is shown
// there (``missing``) and as a node caption in the graph (``missingInGraph``,
// informational: long captions may be truncated by the Browser).
// With EXPECT_COLOURS it also checks the style: the node fills drawn right after connecting
// (the server's browser.post_connect_cmd applies cypher/style.grass), after `:style reset`,
// and after STYLE_FILE is dropped on the Browser as a user would drop it (a DataTransfer
// holding the file, dispatched as a drop event on the Browser's file drop zone).
// Prints one JSON line with what it saw; exits 0 if the table had every name.
//
// Input comes from the environment only (the password never on argv):
//   NEO4J_PASSWORD     password of NEO4J_USER (required)
//   NEO4J_USER         default "neo4j"
//   NEO4J_BROWSER_URL  default http://127.0.0.1:7474/browser/
//   CYPHER_QUERY       the query to run in the Browser (required)
//   EXPECT_NAMES       JSON array of strings that must appear (required)
//   SCREENSHOT         PNG path for the graph view (default artifacts/browser.png)
//   CHROMIUM_PATH      default /usr/bin/chromium
//   STEP_TIMEOUT_MS    default 60000
//   EXPECT_COLOURS     optional JSON object {caption: fill}, e.g. {"North Korea": "#0072B2"}
//   STYLE_FILE         optional .grass file to drop after `:style reset` (with EXPECT_COLOURS)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--no-proxy-server',
];

function config() {
  const env = process.env;
  const required = ['NEO4J_PASSWORD', 'CYPHER_QUERY', 'EXPECT_NAMES'];
  const missing = required.filter((name) => !env[name]);
  if (missing.length) throw new Error(`missing environment: ${missing.join(', ')}`);
  return {
    user: env.NEO4J_USER || 'neo4j',
    password: env.NEO4J_PASSWORD,
    url: env.NEO4J_BROWSER_URL || 'http://127.0.0.1:7474/browser/',
    query: env.CYPHER_QUERY,
    expected: JSON.parse(env.EXPECT_NAMES),
    screenshot: env.SCREENSHOT || 'artifacts/browser.png',
    chromium: env.CHROMIUM_PATH || '/usr/bin/chromium',
    timeout: Number(env.STEP_TIMEOUT_MS || 60000),
    colours: env.EXPECT_COLOURS ? JSON.parse(env.EXPECT_COLOURS) : null,
    styleFile: env.STYLE_FILE || null,
  };
}

async function connect(page, cfg) {
  await page.goto(cfg.url, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('username').fill(cfg.user);
  await page.getByTestId('password').fill(cfg.password);
  await page.getByTestId('connect').click();
  await page.getByText('You are connected as user').first().waitFor();
}

async function runQuery(page, query) {
  await page.getByTestId('activeEditor').click();
  // insertText bypasses Monaco's auto-closing of brackets and quotes.
  await page.keyboard.insertText(query);
  await page.getByTestId('editor-Run').click();
}

/** Node captions of the graph view (multi-line captions joined with spaces). */
async function graphCaptions(frame) {
  const nodes = frame.locator('svg g.node');
  await nodes.or(frame.getByText('no records')).first().waitFor();
  if (await nodes.count() === 0) throw new Error('the query returned no records');
  await frame.page().waitForTimeout(2000); // let the force layout settle before the screenshot
  return frame.locator('svg g.node').evaluateAll((nodes) =>
    nodes.map((node) => [...node.querySelectorAll('text')]
      .map((t) => t.textContent.trim()).filter(Boolean).join(' ')));
}

/** Fill colour of each drawn node, by caption (the node's outline circle). */
async function nodeFills(frame) {
  await graphCaptions(frame);
  return frame.locator('svg g.node').evaluateAll((nodes) => Object.fromEntries(nodes.map((node) => {
    const caption = [...node.querySelectorAll('text')]
      .map((t) => t.textContent.trim()).filter(Boolean).join(' ');
    const circle = node.querySelector('circle.b-outline') || node.querySelector('circle');
    return [caption, circle ? (circle.getAttribute('fill') || '').toUpperCase() : null];
  })));
}

/** Drop a file on the Browser the way a user drags it from the desktop. */
async function dropFile(page, path) {
  const text = readFileSync(path, 'utf-8');
  const dataTransfer = await page.evaluateHandle(([body, name]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([body], name, { type: 'text/plain' }));
    return transfer;
  }, [text, basename(path)]);
  await page.dispatchEvent('.filedrop', 'drop', { dataTransfer });
}

/** Run the query again and read its node fills in the graph view. The Browser may re-run the
 * newest query frame in place, in whatever view it shows, so the graph view is selected. */
async function freshFills(page, query, limit) {
  await runQuery(page, `${query} LIMIT ${limit}`);
  const frame = page.getByTestId('frame').first();
  await frame.getByText(`LIMIT ${limit}`).first().waitFor();
  await frame.getByTestId('cypherFrameSidebarVisualization').click();
  return nodeFills(frame);
}

/** Text of the table view, once every expected name is rendered (or after a grace period). */
async function tableText(frame, expected) {
  await frame.getByTestId('cypherFrameSidebarTable').click();
  const contents = frame.getByTestId('frameContents');
  await contents.waitFor();
  await Promise.all(expected.map((name) =>
    contents.getByText(name).first().waitFor({ timeout: 15000 }).catch(() => {})));
  return contents.innerText();
}

async function main() {
  const cfg = config();
  mkdirSync(dirname(cfg.screenshot), { recursive: true });
  const browser = await chromium.launch({ executablePath: cfg.chromium, headless: true, args: CHROMIUM_ARGS });
  const result = {
    connected: false, graphCaptions: [], missing: cfg.expected, missingInGraph: cfg.expected, screenshot: cfg.screenshot,
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(cfg.timeout);
    try {
      await connect(page, cfg);
      result.connected = true;
      if (cfg.colours) {
        // the post-connect `:style {...}` command shows the applied style in a frame
        await page.getByText('node.Country').first().waitFor({ timeout: 20000 });
      }
      await runQuery(page, cfg.query);
      // The newest frame is on top; locators re-resolve, so this waits for the result frame.
      const frame = page.getByTestId('frame').first();
      result.graphCaptions = await graphCaptions(frame);
      if (cfg.colours) result.fillsAfterConnect = await nodeFills(frame);
      result.missingInGraph = cfg.expected.filter((name) => !result.graphCaptions.includes(name));
      await page.screenshot({ path: cfg.screenshot });
      const table = await tableText(frame, cfg.expected);
      await page.screenshot({ path: cfg.screenshot.replace(/\.png$/, '-table.png') });
      result.missing = cfg.expected.filter((name) => !table.includes(name));
      if (cfg.colours) {
        await runQuery(page, ':style reset');
        result.fillsAfterReset = await freshFills(page, cfg.query, 1000);
        if (cfg.styleFile) {
          await dropFile(page, cfg.styleFile);
          await page.getByText('node.Country').first().waitFor({ timeout: 20000 });
          result.fillsAfterDrop = await freshFills(page, cfg.query, 1001);
          await page.screenshot({ path: cfg.screenshot.replace(/\.png$/, '-dropped-style.png') });
        }
      }
    } catch (error) {
      await page.screenshot({ path: cfg.screenshot }).catch(() => {});
      result.error = String(error.message || error).split('\n')[0];
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
  return result.error || result.missing.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.log(JSON.stringify({ error: String(error.message || error).split('\n')[0] }));
  process.exit(2);
});
