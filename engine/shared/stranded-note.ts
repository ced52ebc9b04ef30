// Said under an upgraded or rebased workflow (engine and UI alike): blocks the rebase brought back
// with nothing leading to them (engine/installations/stranded.ts finds them).

/** What came back unconnected, and what to do. */
export function strandedNote(names: readonly string[], version: number): string {
  const quoted = names.map((n) => `"${n}"`).join(', ');
  const it = names.length === 1 ? 'it' : 'them';
  return `${quoted} ${names.length === 1 ? 'is' : 'are'} back from v${version} with nothing leading to ${it}, so ${names.length === 1 ? 'it never runs' : 'they never run'}: connect ${it} in the customer's version, or delete ${it}, before activating.`;
}
