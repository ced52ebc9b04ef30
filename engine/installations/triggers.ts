import { isTerminal, triggerBlock } from '../model/block-catalog';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from '../runtime/blocks/registry';

// Reading a workflow's trigger in the terms the lifecycle needs: what kind, how often, what holds it.

export function triggerOf(doc: WorkflowDoc): Readonly<Record<string, unknown>> | undefined {
  return triggerBlock(blockCatalog, doc)?.config;
}

export function triggerType(doc: WorkflowDoc): string | undefined {
  const t = triggerOf(doc)?.type;
  return typeof t === 'string' ? t : undefined;
}

/** "every 5 minutes", "on the cron schedule 0 * * * *": a schedule as a person reads it. */
export function describeSchedule(config: Readonly<Record<string, unknown>>): string {
  if (typeof config.cron === 'string' && config.cron) return `on the cron schedule ${config.cron}`;
  const s = typeof config.intervalSeconds === 'number' ? config.intervalSeconds : 0;
  if (s % 3600 === 0 && s >= 3600) return s === 3600 ? 'every hour' : `every ${s / 3600} hours`;
  if (s % 60 === 0 && s >= 60) return s === 60 ? 'every minute' : `every ${s / 60} minutes`;
  return `every ${s} seconds`;
}

/**
 * The name of the Stop block that holds the workflow back, or null. A hold is a Stop with blocks
 * wired after it (the template's "Wait for the mapping" before the fetch): what follows waits for
 * someone to remove it. A Stop that merely ends a branch holds nothing back.
 */
export function stopBlockName(doc: WorkflowDoc): string | null {
  const wiredAfter = new Set(doc.edges.map((e) => e.from));
  const stop = doc.blocks.find((b) => isTerminal(blockCatalog, b) && wiredAfter.has(b.id));
  return stop ? stop.name || 'Stop' : null;
}
