// How a step that may have had its effect before an interruption was recovered, as its output
// says it (key `recovery`). Written by the engine's run loop, read by the run view. Pure: shared
// by the engine and the renderer.

export type StepRecoveryKind = 'reconciled' | 'sent_again';

export interface StepRecovery {
  readonly kind: StepRecoveryKind;
  readonly note: string;
}

export const STEP_RECOVERY: Readonly<Record<StepRecoveryKind, StepRecovery>> = {
  reconciled: { kind: 'reconciled', note: 'Already delivered before the interruption; not sent again.' },
  sent_again: { kind: 'sent_again', note: 'In doubt: sent again. The run was interrupted while this was being sent, and the destination cannot be asked whether it arrived; it was sent again with the same Idempotency-Key.' },
};

/** A step output with its recovery noted (an output that is not an object is left as it is). */
export function withRecovery(output: unknown, kind: StepRecoveryKind): unknown {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return output;
  return { ...(output as Record<string, unknown>), recovery: STEP_RECOVERY[kind] };
}

/** The recovery a step's output notes, or null. */
export function stepRecovery(output: unknown): StepRecovery | null {
  if (typeof output !== 'object' || output === null) return null;
  const r = (output as { recovery?: unknown }).recovery;
  if (typeof r !== 'object' || r === null) return null;
  const kind = (r as { kind?: unknown }).kind;
  return kind === 'reconciled' || kind === 'sent_again' ? STEP_RECOVERY[kind] : null;
}
