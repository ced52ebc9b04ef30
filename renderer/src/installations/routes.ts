// Hash routes of the integration and installation pages. App.tsx asks readManagerRoute first and
// falls back to its own routes (workflow list, editor) when this answers null.

export type ManagerRoute =
  | { readonly page: 'integrations' }
  | { readonly page: 'integration'; readonly id: string }
  | { readonly page: 'installations' }
  | { readonly page: 'installation'; readonly id: string }
  | { readonly page: 'userVersion'; readonly id: string };

const patterns: readonly [RegExp, (id: string) => ManagerRoute][] = [
  [/^#\/integrations\/?$/, () => ({ page: 'integrations' })],
  [/^#\/integrations\/([^/]+)$/, (id) => ({ page: 'integration', id })],
  [/^#\/installations\/?$/, () => ({ page: 'installations' })],
  [/^#\/installations\/([^/]+)$/, (id) => ({ page: 'installation', id })],
  [/^#\/f\/([^/]+)$/, (id) => ({ page: 'userVersion', id })],
];

export function readManagerRoute(hash: string): ManagerRoute | null {
  for (const [re, make] of patterns) {
    const m = re.exec(hash);
    if (m) return make(decodeURIComponent(m[1] ?? ''));
  }
  return null;
}

export const hrefs = {
  workflows: '#/',
  workflow: (id: string) => `#/w/${encodeURIComponent(id)}`,
  integrations: '#/integrations',
  integration: (id: string) => `#/integrations/${encodeURIComponent(id)}`,
  installations: '#/installations',
  connections: '#/connections',
  servers: '#/settings/servers',
  installation: (id: string) => `#/installations/${encodeURIComponent(id)}`,
  userVersion: (id: string) => `#/f/${encodeURIComponent(id)}`,
} as const;

export function navigate(hash: string): void {
  window.location.hash = hash;
}
