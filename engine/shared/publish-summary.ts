// What a publication did, in the words `patchbay publish` prints and Settings › Servers shows: one
// text, so the terminal and the app never disagree (e.g. "not active" about an installation that
// is already running on the server).

interface Published {
  readonly integration: { readonly name: string };
  readonly installations: readonly { readonly customerName: string; readonly lifecycle?: 'configuring' | 'active' | 'paused' | undefined }[];
  readonly connections: number;
  readonly pausedOnDesktop?: readonly { readonly customerName: string }[] | undefined;
}

const names = (list: readonly { readonly customerName: string }[]): string => list.map((i) => i.customerName).join(', ');

export function publishedSummary(result: Published, server: string): string {
  const lines = [`Published "${result.integration.name}" to ${server}: ${result.installations.length} installation(s), ${result.connections} connection(s).`];
  const by = (lifecycle: string | undefined) => result.installations.filter((i) => i.lifecycle === lifecycle);
  if (by('active').length > 0) lines.push(`Active on the server, running there with what was published: ${names(by('active'))}.`);
  if (by('paused').length > 0) lines.push(`Paused on the server: ${names(by('paused'))}; resume them there to run.`);
  const waiting = [...by('configuring'), ...by(undefined)];
  if (waiting.length > 0) lines.push(`Installed but not active on the server: ${names(waiting)}; nothing runs there until someone activates them on the server.`);
  if (result.pausedOnDesktop && result.pausedOnDesktop.length > 0) {
    lines.push(`Paused on this desktop, so each runs in one place: ${names(result.pausedOnDesktop)}. Activated on the server, they continue where this desktop stopped (watermarks and finished backfills travel with them).`);
  }
  return lines.join(' ');
}
