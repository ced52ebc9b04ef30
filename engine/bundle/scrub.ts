import type { MappingDoc } from '../model/mapping-doc';
import type { WorkflowDoc } from '../model/workflow';

// Credentials belong in connections. A literal that looks like one, typed straight into a block
// (an Authorization header, an api key in a query), or a copy of a stored secret, is blanked on
// export and reported.
const SECRET_KEY = /(authorization|api[-_]?key|secret|password|passwd|token|x-api-key|cookie)/i;
const TEMPLATE_ONLY = /^\s*\{\{[^}]*\}\}\s*$/;

export interface ScrubbedField {
  readonly workflow: string;
  readonly blockId: string;
  readonly path: string;
}

/** Removes every stored secret (from the connection store) that appears inside a text. */
function withoutKnownSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('');
  return out;
}

function scrubValue(value: unknown, path: string, found: string[], secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    const cleaned = withoutKnownSecrets(value, secrets);
    if (cleaned !== value) found.push(path);
    return cleaned;
  }
  if (Array.isArray(value)) return value.map((v, i) => scrubValue(v, `${path}[${i}]`, found, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (SECRET_KEY.test(k) && typeof v === 'string' && v !== '' && !TEMPLATE_ONLY.test(v)) {
      out[k] = '';
      found.push(here);
    } else {
      out[k] = scrubValue(v, here, found, secrets);
    }
  }
  return out;
}

/**
 * A copy of the document fit for a bundle: literal credentials under credential-like keys are
 * blanked, and so is any stored connection secret found anywhere (a URL, a header, code).
 */
export function scrubDoc(doc: WorkflowDoc, workflow: string, report: ScrubbedField[], secrets: readonly string[] = []): WorkflowDoc {
  return {
    ...doc,
    blocks: doc.blocks.map((b) => {
      const found: string[] = [];
      const config = scrubValue(b.config, '', found, secrets) as Record<string, unknown>;
      for (const path of found) report.push({ workflow, blockId: b.id, path: `config.${path}` });
      return { ...b, config };
    }),
  };
}

/** Any other bundled value (names, notes, descriptions) without copies of stored secrets. */
export function withoutSecrets<T>(value: T, secrets: readonly string[] = []): T {
  const ignored: string[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubValue(v, '', ignored, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as T;
}

/** A shared mapping fit for a bundle: stored secrets inside rule values (a constant, a lookup) are removed. */
export function scrubMapping(doc: MappingDoc, label: string, report: ScrubbedField[], secrets: readonly string[] = []): MappingDoc {
  const found: string[] = [];
  const rules = scrubValue(doc.rules, 'rules', found, secrets) as MappingDoc['rules'];
  for (const path of found) report.push({ workflow: label, blockId: '', path });
  return { ...doc, rules };
}
