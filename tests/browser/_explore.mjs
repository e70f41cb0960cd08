import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto('http://127.0.0.1:7474/browser/', { waitUntil: 'networkidle' });
await page.getByTestId('username').fill('neo4j');
await page.getByTestId('password').fill(process.env.NEO4J_PASSWORD);
await page.getByTestId('connect').click();
await page.getByText('You are connected as user').waitFor({ timeout: 30000 });
await page.getByTestId('activeEditor').click();
await page.keyboard.type('MATCH (a:Actor)-[r]->(b:Actor) RETURN a, r, b');
await page.getByTestId('editor-Run').click();
await page.waitForTimeout(5000);
await page.screenshot({ path: '/tmp/pw/result.png' });
const ed = await page.$$eval('[data-testid]', els => els.map(e => e.getAttribute('data-testid')));
console.log([...new Set(ed)].join(' '));
console.log(await page.evaluate(() => [...document.querySelectorAll('svg text')].map(e => e.textContent).join('|')));
await browser.close();
