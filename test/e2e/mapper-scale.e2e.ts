import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../engine/host/bridge';
import { frameCount, frameFigures, longFrames, startFrames, stopFrames } from './frames';
import { openApp, type BrowserApp } from './helpers';

// Issue 12, item 6: frame times of the visual mapper while scrolling both trees and dragging a
// line, for 300 rules over a 2,000-field source against a 20-rule, 100-field baseline. Figures are
// printed and written to test-results/mapper-frames.json; they are measured, not asserted (CI
// machines differ), except that frames were recorded at all.

interface Figures { readonly rules: number; readonly fields: number; readonly frames: number; readonly worstMs: number; readonly p95Ms: number; readonly medianMs: number }

function record(fields: number): Record<string, unknown> {
  const r: Record<string, unknown> = { id: '1', tranId: 'PO1' };
  for (let i = 0; i < fields; i++) r[`custbody_f${String(i).padStart(4, '0')}`] = i % 3 === 0 ? `text ${i}` : i;
  return r;
}

function rules(n: number, fields: number) {
  // Spread over the source so lines fan across the whole tree, as a real mapping's do.
  return Array.from({ length: n }, (_x, i) => ({
    id: `rule_${i}`, target: `field_${String(i).padStart(3, '0')}`, source: `custbody_f${String(Math.floor((i * fields) / n)).padStart(4, '0')}`, transforms: [],
  }));
}

function figures(ruleCount: number, fields: number, deltas: readonly number[]): Figures {
  const { frames, worstMs, p95Ms, medianMs } = frameFigures(deltas);
  return { rules: ruleCount, fields, frames, worstMs, p95Ms, medianMs };
}

async function scroll(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 140);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -200);
}

describe('visual mapper at scale', () => {
  let app: BrowserApp;
  let bridge: Bridge;
  let page: Page;
  const results: Figures[] = [];

  beforeAll(async () => {
    app = await openApp({ prefix: 'patchbay-e2e-mapper-scale-', demoSandbox: true, viewport: { width: 1600, height: 1000 } });
    ({ bridge, page } = app);
  });

  afterAll(async () => {
    writeFileSync('test-results/mapper-frames.json', JSON.stringify(results, null, 2));
    await app?.close();
  });

  for (const [ruleCount, fields] of [[20, 100], [300, 2000]] as const) {
    it(`measures frames while scrolling both trees and dragging a line: ${ruleCount} rules over ${fields} source fields`, async () => {
      const engine = bridge.engine;
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      const [draft] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!draft) throw new Error('the template has no shared mapping');
      await engine.call('mappings.save', { id: draft.id, baseRev: draft.rev, rules: rules(ruleCount, fields) });
      const listener = integration.workflows.find((w) => w.name === 'Listen for New and Updated Orders')?.id as string;

      await page.goto(`${bridge.url.split('#')[0]}#/w/${encodeURIComponent(listener)}`);
      await page.getByTestId('node-map_orders').click();
      await page.getByTestId('open-mapping').click();
      await page.getByTestId('visual-mapper').waitFor();
      await page.getByTestId('paste-sample').click();
      await page.getByTestId('paste-sample-text').fill(JSON.stringify([record(fields), record(fields)]));
      await page.getByTestId('paste-sample-use').click();
      await page.getByTestId('record-index').waitFor();
      await page.getByTestId('value-field_000').waitFor();
      expect(await page.getByTestId('rule-count').textContent()).toBe(`${ruleCount} rules`);

      await startFrames(page);
      await scroll(page, 'source-scroll');
      const afterSource = await frameCount(page);
      await scroll(page, 'target-scroll');
      const afterTarget = await frameCount(page);
      // Drag a line from a source row to a target row with the mouse, slowly, as a person does.
      // Rows above the view are rendered too (overscan): pick rows by name after scrolling home.
      await page.getByTestId('source-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
      const from = await page.getByTestId('source-field-custbody_f0003').boundingBox();
      // An unmapped target near the top of the Your App fields.
      await page.getByTestId('target-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
      const to = await page.getByTestId('target-field-netsuite_id').boundingBox();
      if (!from || !to) throw new Error('rows not visible');
      await page.mouse.move(from.x + 40, from.y + 10);
      await page.mouse.down();
      for (let i = 1; i <= 30; i++) await page.mouse.move(from.x + 40 + ((to.x + 40 - from.x - 40) * i) / 30, from.y + 10 + ((to.y - from.y) * i) / 30);
      await page.mouse.up();
      const deltas = await stopFrames(page);
      const long = await longFrames(page);
      console.log(`mapper long frames: ${long.length}, longest ${Math.round(Math.max(0, ...long.map((l) => l.duration)))} ms, most script time in one ${Math.round(Math.max(0, ...long.map((l) => l.script)))} ms`);
      const f = figures(ruleCount, fields, deltas.slice(1));
      const worst = (a: number, b: number) => Math.round(Math.max(0, ...deltas.slice(a, b)) * 10) / 10;
      console.log(`mapper phases (worst ms): source scroll ${worst(1, afterSource)}, target scroll ${worst(afterSource, afterTarget)}, drag ${worst(afterTarget, deltas.length)}`);
      results.push(f);
      console.log(`mapper frames: ${JSON.stringify(f)}`);
      expect(f.frames).toBeGreaterThan(10);
      await page.screenshot({ path: `test-results/mapper-scale-${ruleCount}.png` });
      // The drag drew a rule: the frames above include handling the drop.
      await page.getByTestId('rule-count').filter({ hasText: `${ruleCount + 1} rules` }).waitFor();
      await page.getByTestId('mapping-close').click();
    });
  }
});
