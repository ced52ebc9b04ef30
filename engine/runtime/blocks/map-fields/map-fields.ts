import { z } from 'zod';
import { ERROR_POLICIES } from '../../../mapping/apply';
import { mapInSlices } from './map-in-slices';
import { compileMappingCached } from '../../../mapping/compiled';
import { mappingError } from '../../../mapping/errors';
import { planMapping } from '../../../mapping/plan';
import { mappingRulesSchema } from '../../../mapping/rules';
import { MAPPING_NAME_MAX } from '../../../model/mapping-doc';
import { defineBlock } from '../types';

// Map Fields: applies a mapping (engine/mapping) to one record or a list of records: the shared
// mapping it names (`mapping`, bound by the runner) or its own inline rules. The rules
// stay as written (rawConfigKeys) so their paths are never mistaken for templates; `input` is a
// template such as "{{ steps.fetch_orders.output.items }}" resolved before the block runs.

const configSchema = z
  .object({
    input: z.unknown(),
    /** The integration's shared mapping, by name; its rules are bound into `rules` when a run starts. */
    mapping: z.string().trim().min(1).max(MAPPING_NAME_MAX).optional(),
    rules: mappingRulesSchema.default([]),
    onError: z.enum(ERROR_POLICIES).default('fail_record'),
  })
  .superRefine((config, ctx) => {
    // Paths, transforms and target conflicts are checked with the config, so a broken rule
    // shows on the canvas before anything runs.
    const ids = config.rules.map((r) => r.id);
    for (const issue of planMapping(config.rules).issues) {
      const index = issue.ruleId === null ? -1 : ids.indexOf(issue.ruleId);
      ctx.addIssue({ code: 'custom', message: issue.message, path: index >= 0 ? ['rules', index] : ['rules'] });
    }
  });


function recordId(input: readonly unknown[], index: number): string | null {
  const r = input[index];
  if (typeof r !== 'object' || r === null) return null;
  const id = (r as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export const mapFieldsBlock = defineBlock({
  kind: 'map_fields',
  pure: true,
  title: 'Map Fields',
  category: 'data',
  icon: '⇉',
  idPrefix: 'map',
  description: 'Maps a record, or each record of a list, onto target fields with a table of rules.',
  configSchema,
  ports: ['out'],
  traits: { mapsFields: true },
  rawConfigKeys: ['rules', 'mapping'],
  defaultConfig: { input: '', rules: [], onError: 'fail_record' },
  async execute(config, ctx) {
    if (config.input === '' || config.input === undefined) {
      throw mappingError('mapping_bad_input', 'Set the input of Map Fields, e.g. {{ steps.fetch_orders.output.items }}; it resolved to nothing.');
    }
    const compiled = compileMappingCached(config.rules);
    const result = await mapInSlices(compiled, config.input, config.onError);
    if (result.errors.length > 0) {
      const first = result.errors[0];
      // Name the source records by their own id (a NetSuite internal id), so a user can find them.
      const ids = Array.isArray(config.input) ? [...new Set(result.errors.map((e) => recordId(config.input as unknown[], e.recordIndex)))].filter((id) => id !== null) : [];
      const which = ids.length > 0 ? ` in record(s) ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}` : '';
      ctx.log('warn', `${result.errors.length} mapping error(s)${which}; first: ${first?.target}: ${first?.message}`, { errors: result.errors.slice(0, 20), recordIds: ids.slice(0, 100) });
    }
    return { output: result };
  },
});
