import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { createSandbox } from './engine/sandbox/sandbox';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sandbox = createSandbox({ maxRunsPerIsolate: 100000 });
const code = 'export function run(input) { const rows = []; for (let i = 0; i < 2000; i++) rows.push({ i, s: "r".repeat(200) }); return rows; }';
const m = () => { gc(); gc(); return Math.round(process.memoryUsage().heapUsed / 1e5) / 10; };
const out = [];
for (let i = 0; i < 120; i++) { await sandbox.run({ code, language: 'js', input: { i } }); if (i % 10 === 0) out.push([i, m(), sandbox.stats().created]); }
console.log(JSON.stringify(out));
sandbox.dispose();
