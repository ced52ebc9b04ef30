import type { WorkflowDoc } from '../model/workflow';

// A base workflow reads its credentials and settings from the installation it runs for
// (`{{ installation.connections.netsuite }}`). Run without one, those resolve to nothing and the
// first block fails with a baffling "not a valid URL"; this finds that case before the run starts.

const reference = /\{\{\s*installation\.(connections|config)\.([A-Za-z0-9_]+)/;

export interface InstallationUse {
  readonly blockName: string;
  /** `connections` or `config`, and the key, e.g. `netsuite`. */
  readonly kind: 'connections' | 'config';
  readonly key: string;
}

/** The first block that reads the installation, or null when the workflow runs on its own. */
export function installationUse(doc: WorkflowDoc): InstallationUse | null {
  for (const block of doc.blocks) {
    const m = reference.exec(JSON.stringify(block.config));
    if (m) return { blockName: block.name || block.id, kind: m[1] as InstallationUse['kind'], key: m[2] ?? '' };
  }
  return null;
}

export function installationRequiredMessage(use: InstallationUse): string {
  const what = use.kind === 'connections' ? `the customer's "${use.key}" connection` : `the customer's "${use.key}" setting`;
  return `"${use.blockName}" uses ${what}, which comes from an installation. Choose a customer to run as (Test sync › Run as customer…), or run it from that customer's installation page.`;
}
