import { useMemo, useState } from 'react';
import { errorMessage, type Transport } from '../../client';
import { toRuleInputs, type MappingRule } from '../rules';
import type { FieldInfo } from './fieldTree';
import type { OpenSuggestion, Suggestion } from './SuggestPanel';

/**
 * Asks the engine to rank sources for the targets without a rule (by name, label and sample value
 * shape), and keeps the best candidate of each that is neither mapped meanwhile nor dismissed.
 */
export function useSuggestions(client: Transport, rules: readonly MappingRule[], targets: readonly FieldInfo[], sources: readonly FieldInfo[], sample: unknown) {
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mapped = useMemo(() => new Set(rules.map((r) => r.target)), [rules]);
  const unmapped = targets.filter((t) => !mapped.has(t.path) && t.type !== 'object');
  const ask = () => {
    setBusy(true);
    setError(null);
    setDismissed(new Set());
    client
      .call('mapping.suggest', {
        rules: toRuleInputs(rules.filter((r) => r.target !== '')),
        sample: sample ?? [],
        targets: unmapped.slice(0, 2000).map((t) => ({ path: t.path, ...(t.label ? { label: t.label } : {}), ...(t.required ? { required: true } : {}) })),
        sourceFields: sources.slice(0, 5000).map((s) => ({ path: s.path, ...(s.label ? { label: s.label } : {}) })),
        limit: 3,
      })
      .then((r) => setList(r.suggestions), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const open = useMemo((): OpenSuggestion[] => (list ?? []).flatMap((s) => {
    const best = s.candidates[0];
    if (!best || mapped.has(s.target) || dismissed.has(s.target)) return [];
    return [{ target: s.target, label: s.label, best }];
  }), [list, mapped, dismissed]);
  return {
    open,
    busy,
    error,
    asked: list !== null,
    canAsk: unmapped.length > 0 && (sample !== undefined || sources.length > 0),
    ask,
    dismiss: (target: string) => setDismissed((d) => new Set([...d, target])),
  };
}
