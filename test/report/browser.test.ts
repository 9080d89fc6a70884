// The HTML report in a real headless Chromium (Debian's chromium package; .ci/run installs it):
// it loads with no console error, every chart has a size, and it prints to an A4 PDF.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`\n*** SKIPPED: the HTML browser test needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH). ***\n`);
}

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  it('loads without console errors, draws five charts with a size, and prints to A4 PDF', async () => {
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'aa-html-'));
    const file = join(dir, 'report.html');
    const bin = new URL('../../bin/aftersales-audit.js', import.meta.url).pathname;
    const demo = new URL('../../fixtures/demo/', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [bin, 'audit', demo, '-o', file, '-q'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(5);
      for (let i = 0; i < 5; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(60);
      }
      expect(await page.locator('.badge.s-fail').first().textContent()).toBe('不符合');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4 pages: the media box of the first page is 595 × 842 points.
      expect(pdf.toString('latin1')).toMatch(/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+841\.\d+|MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+842/);
    } finally {
      await browser.close();
    }
  });
});
