import { methods, type MethodArgs, type MethodName, type MethodResult } from '../engine/api/contract';
import type { SimulatorTargets } from './workers-simulators';

// How the workers bench sets a server up: through its HTTP API with an API key, as an operator's
// script or CI would. The Order Sync integration from its template, released once; per customer
// an installation with its own NetSuite account and Your App, installed (its backfill holds at
// the Stop block) and given a user-specific version of Fetch Historical Orders without that block,
// as an analyst leaves it once the mapping is agreed. Activation (which runs the backfill) is left
// to the measured part.

export type ServerCall = <M extends MethodName>(method: M, args: MethodArgs<M>) => Promise<MethodResult<M>>;

/** Calls `patchbay server`'s contract over HTTP, signed in with `apiKey`; answers are checked with the contract's schemas. */
export function serverClient(baseUrl: string, apiKey: string): ServerCall {
  return async (method, args) => {
    const res = await fetch(new URL(`/api/call/${method}`, baseUrl), {
      method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(args),
    });
    const body = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`the server refused ${method} (${res.status}): ${JSON.stringify(body)}`);
    return methods[method].result.parse(body) as MethodResult<typeof method>;
  };
}

const BACKFILL = 'Fetch Historical Orders';

/** Installs Order Sync for every account in `targets`; returns the installation ids, ready to activate. */
export async function installCustomers(call: ServerCall, targets: SimulatorTargets): Promise<string[]> {
  const integration = await call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
  await call('integrations.release', { id: integration.id, notes: 'v1' });
  const ids: string[] = [];
  for (const [i, account] of targets.accounts.entries()) {
    const app = targets.apps[i];
    if (!app) throw new Error(`no Your App for installation ${i}`);
    const netsuite = await call('connections.save', {
      name: `Customer ${i} NetSuite`, kind: 'netsuite',
      values: { accountId: account.accountId, consumerKey: account.consumerKey, consumerSecret: account.consumerSecret, tokenId: account.tokenId, tokenSecret: account.tokenSecret, baseUrl: targets.netsuiteUrl },
    });
    const yourApp = await call('connections.save', { name: `Customer ${i} Your App`, kind: 'your_app', values: { baseUrl: app.url, apiKey: app.apiKey } });
    const inst = await call('installations.create', { integrationId: integration.id, customerName: `Customer ${i}` });
    await call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: netsuite.id });
    await call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: yourApp.id });
    const installed = await call('installations.install', { id: inst.id, wait: true });
    const workflowId = installed.installation.workflows.find((w) => w.name === BACKFILL)?.workflowId;
    if (!workflowId) throw new Error(`the installation has no "${BACKFILL}"`);
    const version = await call('userVersions.create', { installationId: inst.id, workflowId });
    const stop = version.doc.blocks.find((b) => b.kind === 'stop');
    if (!stop) throw new Error(`"${BACKFILL}" has no Stop block to remove`);
    const into = version.doc.edges.find((e) => e.to === stop.id);
    const out = version.doc.edges.find((e) => e.from === stop.id);
    if (!into || !out) throw new Error(`the Stop block of "${BACKFILL}" is not between two blocks`);
    const edges = version.doc.edges.filter((e) => e !== into && e !== out).concat([{ ...into, id: `e_${into.from}_${out.to}`, to: out.to }]);
    await call('userVersions.save', { id: version.id, baseRev: version.rev, doc: { ...version.doc, blocks: version.doc.blocks.filter((b) => b !== stop), edges } });
    ids.push(inst.id);
  }
  return ids;
}
