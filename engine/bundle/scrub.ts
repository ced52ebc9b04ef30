import type { WorkflowDoc } from '../model/workflow';

// Credentials belong in connections. A literal that looks like one, typed straight into a block
// (an Authorization header, an api key in a query), is blanked on export and reported.
const SECRET_KEY = /(authorization|api[-_]?key|secret|password|passwd|token|x-api-key|cookie)/i;
const TEMPLATE_ONLY = /^\s*\{\{[^}]*\}\}\s*$/;

export interface ScrubbedField {
  readonly workflow: string;
  readonly blockId: string;
  readonly path: string;
}

function scrubValue(value: unknown, path: string, found: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => scrubValue(v, `${path}[${i}]`, found));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (SECRET_KEY.test(k) && typeof v === 'string' && v !== '' && !TEMPLATE_ONLY.test(v)) {
      out[k] = '';
      found.push(here);
    } else {
      out[k] = scrubValue(v, here, found);
    }
  }
  return out;
}

export function scrubDoc(doc: WorkflowDoc, workflow: string, report: ScrubbedField[]): WorkflowDoc {
  return {
    ...doc,
    blocks: doc.blocks.map((b) => {
      const found: string[] = [];
      const config = scrubValue(b.config, '', found) as Record<string, unknown>;
      for (const path of found) report.push({ workflow, blockId: b.id, path: `config.${path}` });
      return { ...b, config };
    }),
  };
}
