import type { DocPath } from '../model/json-pointer';
import type { Block, Edge, Port, WorkflowDoc } from '../model/workflow';

// Test support for the merge property test: a seeded PRNG, random workflows, and random edits of
// the kinds a user makes on the canvas (config, rename, move, add/remove blocks and edges, rewire,
// mapping rules), each recorded by the path it touched. Small value pools make both sides collide
// often, so identical changes, conflicts and clean merges all occur.

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast and good enough to drive generated tests reproducibly. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => {
      const x = xs[int(xs.length)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    },
    chance: (p) => next() < p,
  };
}

export interface EditLog {
  /** Paths whose value the side set or deleted. */
  readonly paths: DocPath[];
  /** Id-keyed lists the side reordered. */
  readonly orders: DocPath[];
}

const VALUE_POOL: readonly unknown[] = ['a', 'b', 'c', 1, 2, true, null, { x: 1 }, ['p', 'q']];
/** A fresh copy each time: documents never share (and so never mutate) each other's objects. */
const value = (r: Rng): unknown => structuredClone(r.pick(VALUE_POOL));
const KINDS = ['http_request', 'log', 'map_fields', 'stop'] as const;
const CONFIG_KEYS = ['url', 'message', 'reason', 'method', 'timeoutMs', 'input', 'headers', 'extra'] as const;
const RULE_FIELDS = ['target', 'source', 'note', 'transforms', 'constant'] as const;
const PORTS: readonly Port[] = ['out', 'error'];

function configFor(kind: string, r: Rng, n: number): Record<string, unknown> {
  if (kind === 'http_request') return { url: r.pick(['https://a.test', 'https://b.test']), method: 'GET', headers: { Accept: value(r) } };
  if (kind === 'map_fields') {
    const rules = Array.from({ length: 2 + r.int(4) }, (_, i) => ({ id: `r${n}_${i}`, target: `t${i}`, source: r.pick(['s1', 's2']) }));
    return { input: '{{ trigger.body }}', rules };
  }
  return kind === 'log' ? { message: value(r) } : { reason: 'done' };
}

export function randomWorkflow(r: Rng): WorkflowDoc {
  const blocks: Block[] = [{ id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } }];
  const count = 2 + r.int(5);
  for (let i = 1; i <= count; i++) {
    const kind = i === 1 ? 'map_fields' : r.pick(KINDS);
    blocks.push({ id: `b${i}`, kind, name: `Block ${i}`, config: configFor(kind, r, i), position: { x: i * 100, y: 0 } });
  }
  const edges: Edge[] = blocks.slice(1).map((b, i) => ({ id: `e${i}`, from: blocks[i]?.id ?? 'trigger', port: 'out', to: b.id }));
  return { schemaVersion: 1, name: 'Random', notes: '', blocks, edges };
}

type Rule = { id: string; [k: string]: unknown };

/** Applies `count` random edits to `doc` in place and returns what they touched. */
export function randomEdits(doc: WorkflowDoc, r: Rng, side: string, count: number): EditLog {
  const log: EditLog = { paths: [], orders: [] };
  let serial = 0;
  const fresh = (prefix: string): string => (r.chance(0.2) ? `${prefix}${r.int(2)}` : `${side}_${prefix}${serial++}`);
  const blockPath = (b: Block): DocPath => ['blocks', { id: b.id }];
  const nonTrigger = (): Block | undefined => {
    const list = doc.blocks.filter((b) => b.kind !== 'trigger');
    return list.length > 0 ? r.pick(list) : undefined;
  };
  const addEdge = (from: string, to: string): void => {
    const id = fresh('ne');
    if (doc.edges.some((e) => e.id === id)) return;
    doc.edges.push({ id, from, port: r.pick(PORTS), to });
    log.paths.push(['edges', { id }]);
  };
  const edits: (() => void)[] = [
    () => {
      const b = nonTrigger();
      if (!b) return;
      const key = r.pick(CONFIG_KEYS);
      b.config[key] = key === 'headers' && r.chance(0.7) ? { Accept: value(r), 'X-A': value(r) } : value(r);
      log.paths.push([...blockPath(b), 'config', key]);
    },
    () => {
      const b = doc.blocks.find((x) => typeof x.config.headers === 'object' && x.config.headers !== null && !Array.isArray(x.config.headers));
      const headers = b?.config.headers as Record<string, unknown> | undefined;
      if (!b || !headers) return;
      const key = r.pick(['Accept', 'X-A', 'X-B']);
      if (r.chance(0.3)) delete headers[key];
      else headers[key] = value(r);
      log.paths.push([...blockPath(b), 'config', 'headers', key]);
    },
    () => {
      const b = nonTrigger();
      const keys = b ? Object.keys(b.config).filter((k) => k !== 'rules') : [];
      if (!b || keys.length === 0) return;
      const key = r.pick(keys);
      delete b.config[key];
      log.paths.push([...blockPath(b), 'config', key]);
    },
    () => {
      const b = r.pick(doc.blocks);
      b.name = r.pick(['Fetch', 'Map', 'Stop it', 'Log']);
      log.paths.push([...blockPath(b), 'name']);
    },
    () => {
      const b = r.pick(doc.blocks);
      b.position = { x: r.int(3) * 100, y: r.int(3) * 100 };
      log.paths.push([...blockPath(b), 'position']);
    },
    () => {
      const id = fresh('n');
      if (doc.blocks.some((b) => b.id === id)) return;
      const from = r.pick(doc.blocks).id;
      doc.blocks.push({ id, kind: 'log', name: 'Log', config: { message: value(r) }, position: { x: 0, y: 300 } });
      log.paths.push(['blocks', { id }]);
      addEdge(from, id);
    },
    () => {
      const b = nonTrigger();
      if (!b) return;
      doc.blocks = doc.blocks.filter((x) => x !== b);
      log.paths.push(blockPath(b));
      for (const e of doc.edges.filter((x) => x.from === b.id || x.to === b.id)) log.paths.push(['edges', { id: e.id }]);
      doc.edges = doc.edges.filter((x) => x.from !== b.id && x.to !== b.id);
    },
    () => {
      const to = nonTrigger();
      if (to) addEdge(r.pick(doc.blocks).id, to.id);
    },
    () => {
      if (doc.edges.length === 0) return;
      const e = r.pick(doc.edges);
      doc.edges = doc.edges.filter((x) => x !== e);
      log.paths.push(['edges', { id: e.id }]);
    },
    () => {
      const to = nonTrigger();
      if (doc.edges.length === 0 || !to) return;
      const e = r.pick(doc.edges);
      e.to = to.id;
      e.port = r.pick(PORTS);
      log.paths.push(['edges', { id: e.id }, 'to'], ['edges', { id: e.id }, 'port']);
    },
    () => ruleEdit(doc, r, log, fresh),
    () => ruleEdit(doc, r, log, fresh),
    () => {
      if (r.chance(0.5)) {
        doc.name = r.pick(['Random', 'Acme', 'Globex']);
        log.paths.push(['name']);
      } else {
        doc.notes = r.pick(['', 'n1', 'n2']);
        log.paths.push(['notes']);
      }
    },
  ];
  for (let i = 0; i < count; i++) r.pick(edits)();
  return log;
}

function ruleEdit(doc: WorkflowDoc, r: Rng, log: EditLog, fresh: (p: string) => string): void {
  const maps = doc.blocks.filter((b) => b.kind === 'map_fields' && Array.isArray(b.config.rules));
  if (maps.length === 0) return;
  const b = r.pick(maps);
  const rules = b.config.rules as Rule[];
  const path: DocPath = ['blocks', { id: b.id }, 'config', 'rules'];
  const op = r.int(4);
  if (op === 0) {
    const id = fresh('nr');
    if (rules.some((x) => x.id === id)) return;
    rules.splice(r.int(rules.length + 1), 0, { id, target: r.pick(['t0', 't9']), source: r.pick(['s1', 's3']) });
    log.paths.push([...path, { id }]);
  } else if (op === 3) {
    for (let i = rules.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      const [x, y] = [rules[i], rules[j]];
      if (x && y) [rules[i], rules[j]] = [y, x];
    }
    log.orders.push(path);
  } else if (rules.length > 0) {
    const rule = r.pick(rules);
    if (op === 1) {
      rules.splice(rules.indexOf(rule), 1);
      log.paths.push([...path, { id: rule.id }]);
    } else {
      const field = r.pick(RULE_FIELDS);
      if (r.chance(0.2)) delete rule[field];
      else rule[field] = value(r);
      log.paths.push([...path, { id: rule.id }, field]);
    }
  }
}
