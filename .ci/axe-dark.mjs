// axe-core (WCAG 2.2 A/AA) on each URL with the reader's device set to dark
// mode (prefers-color-scheme: dark), so the dark palette's contrast is held
// to the same rules as the light one. Run from the folder where
// ../shared/tools/check-a11y installed axe-core and playwright-core.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const urls = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let violations = 0;
for (const url of urls) {
  const page = await browser.newPage({ colorScheme: 'dark' });
  await page.goto(url, { waitUntil: 'load' });
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  if (!dark) throw new Error(`${url}: the page did not see dark mode`);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  for (const v of result.violations) {
    violations++;
    console.log(`${url} (dark): ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
    for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(' ')}`);
  }
  await page.close();
}
await browser.close();
console.log(`${urls.length} page(s) checked in dark mode, ${violations} violation(s)`);
process.exit(violations ? 1 : 0);
