import { JsonField } from '../structured';
import type { FormProps } from '../types';

/** For kinds without a form of their own: the whole config as JSON. */
export function JsonConfigForm({ block, config, replace, issues }: FormProps) {
  return (
    <JsonField name="config" label={`Config (${block.kind})`} rows={14} value={config}
      errors={issues.filter((i) => i.path).map((i) => `${i.path}: ${i.message}`)}
      hint="This block kind has no form yet; edit its configuration as JSON."
      onChange={(v) => {
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) replace({ ...v });
      }} />
  );
}
