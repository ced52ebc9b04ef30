import type { StepRecord, StepStatus } from '../../../engine/api';

// A For Each over 250 orders journals 250 steps per block in its body. Listed flat they bury the
// one that failed; grouped per block, with counts by status and failures first, they read.

export type StepEntry =
  | { readonly kind: 'step'; readonly step: StepRecord }
  | { readonly kind: 'iterations'; readonly blockId: string; readonly steps: readonly StepRecord[]; readonly counts: Readonly<Partial<Record<StepStatus, number>>> };

const rank: Record<StepStatus, number> = { failed: 0, running: 1, skipped: 2, succeeded: 3 };

/** Top-level steps in order; each block's loop iterations as one entry where it first ran. */
export function groupSteps(ordered: readonly StepRecord[]): StepEntry[] {
  const entries: StepEntry[] = [];
  const groups = new Map<string, StepRecord[]>();
  for (const step of ordered) {
    if (step.iteration === null) {
      entries.push({ kind: 'step', step });
      continue;
    }
    let list = groups.get(step.blockId);
    if (!list) {
      groups.set(step.blockId, (list = []));
      entries.push({ kind: 'iterations', blockId: step.blockId, steps: list, counts: {} });
    }
    list.push(step);
  }
  return entries.map((e) => {
    if (e.kind === 'step') return e;
    const steps = [...e.steps].sort((a, b) => rank[a.status] - rank[b.status] || (a.iteration ?? 0) - (b.iteration ?? 0));
    const counts: Partial<Record<StepStatus, number>> = {};
    for (const s of steps) counts[s.status] = (counts[s.status] ?? 0) + 1;
    return { ...e, steps, counts };
  });
}

/** "2 failed · 248 succeeded": failures first. */
export function describeCounts(counts: Readonly<Partial<Record<StepStatus, number>>>): string {
  return (Object.keys(rank) as StepStatus[])
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(' · ');
}
