import { applyMapping, type ErrorPolicy, type ManyOutput, type OneOutput } from '../../../mapping/apply';
import type { CompiledMapping } from '../../../mapping/compiled';

/** Records mapped between two turns of the event loop (about 10 ms of work for an order). */
const SLICE = 200;

/**
 * Maps a list in slices, giving the event loop a turn between them: mapping a page of 1,000
 * orders in one go would hold the bridge for ~50 ms. Positions in errors and `failed` stay those
 * of the whole input.
 */
export async function mapInSlices(compiled: CompiledMapping, input: unknown, policy: ErrorPolicy): Promise<ManyOutput | OneOutput> {
  if (!Array.isArray(input) || input.length <= SLICE) return applyMapping(compiled, input, policy);
  const records: unknown[] = [];
  const errors: ManyOutput['errors'] = [];
  const failed: number[] = [];
  for (let start = 0; start < input.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const part = (await applyMapping(compiled, input.slice(start, start + SLICE), policy)) as ManyOutput;
    records.push(...part.records);
    for (const e of part.errors) errors.push({ ...e, recordIndex: e.recordIndex + start });
    for (const i of part.failed) failed.push(i + start);
  }
  return { records, errors, failed };
}
