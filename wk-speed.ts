import { createEngine } from './engine/host/engine';
import { tempDir } from './engine/testing/temp-engine';
const doc = (n: number) => ({ name: 'L', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'busy', kind: 'branch', config: { mode: 'expression', expression: `$count($filter([1..${n}], function($v) { $v % 7 = 0 })) > 0` } }], edges: [{ id: 'e1', from: 'trigger', to: 'busy', port: 'out' }] });
for (const w of [0, 1, 0, 1]) {
  const dir = tempDir();
  const engine = await createEngine({ dataDir: dir.path, runWorkers: w });
  await engine.call('runs.start', { doc: doc(10) as never, wait: true });
  const t = performance.now();
  await engine.call('runs.start', { doc: doc(300000) as never, wait: true });
  console.log('workers', w, Math.round(performance.now() - t));
  await engine.close(); dir.remove();
}
