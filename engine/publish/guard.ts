import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { PublicationsStore } from '../storage/publications-store';
import type { Tables } from '../storage/tables';
import { demoConnectionIds } from '../connections/demo-sandbox';
import type { Repos } from '../installations/repos';

// One model, simple to explain: the desktop that publishes is the source of truth for what it
// published. On the server, a published integration (its drafts and releases) and its published
// installations (their user-specific versions, customer mappings, settings and connections) are
// changed only by publishing again, so publishing again never overwrites an edit made on the
// server; activation, pause and runs stay on the server. On the desktop, a published installation
// runs in one place, the server, until it is taken back.

const managedElsewhere = (who: string, what: string): PatchbayError =>
  new PatchbayError('published_from_desktop', `${what} was published from a desktop, which manages it (an integration's drafts and releases; an installation's user-specific versions, customer mappings, settings and connections): change it on the desktop that published it (${who}) and publish again. Activation, pause and runs stay on this server.`, { publishedBy: who });

/** On a server: refuses to change the customisations, settings or connection choices of an installation a desktop published here. */
export async function assertCustomisableHere(database: Kysely<Tables>, installationId: string): Promise<void> {
  const received = await new PublicationsStore(database).receivedFor(installationId);
  if (received) throw managedElsewhere(received.publishedBy, 'This installation');
}

/** On a server: refuses to release, edit the drafts of, or upgrade installations of an integration a desktop published here. */
export async function assertReleasableHere(database: Kysely<Tables>, integrationId: string): Promise<void> {
  const received = await new PublicationsStore(database).receivedForIntegration(integrationId);
  if (received) throw managedElsewhere(received.publishedBy, 'This integration');
}

/** On a server: refuses to edit a draft workflow of an integration a desktop published here. */
export async function assertDraftEditableHere(database: Kysely<Tables>, repos: Repos, workflowId: string): Promise<void> {
  const integrationId = await repos.integrations.integrationOfWorkflow(workflowId);
  if (integrationId) await assertReleasableHere(database, integrationId);
}

/**
 * On a server: refuses to edit a connection that a published installation uses (publishing again
 * would put the desktop's back). The Demo sandbox's are the server's own, made afresh at each start.
 */
export async function assertConnectionEditableHere(database: Kysely<Tables>, connectionId: string): Promise<void> {
  if (new Set<string>(Object.values(demoConnectionIds)).has(connectionId)) return;
  const received = await database.selectFrom('installation_connections as c').innerJoin('received_publications as p', 'p.installation_id', 'c.installation_id')
    .select('p.published_by').where('c.connection_id', '=', connectionId).executeTakeFirst();
  if (received) throw managedElsewhere(received.published_by, 'This connection');
}

/** The servers a desktop installation was published to, or [] when it runs here. */
export async function publishedTo(database: Kysely<Tables>, installationId: string): Promise<string[]> {
  return (await new PublicationsStore(database).sentFor(installationId)).map((p) => `${p.serverName} (${p.serverUrl})`);
}

/** False on a desktop for an installation published to a server: it runs there, not here. */
export async function runsHere(database: Kysely<Tables>, installationId: string): Promise<boolean> {
  return (await publishedTo(database, installationId)).length === 0;
}

/** On a desktop: refuses to activate or run live an installation published to a server until it is taken back. */
export async function assertRunsHere(database: Kysely<Tables>, installationId: string): Promise<void> {
  const servers = await publishedTo(database, installationId);
  if (servers.length === 0) return;
  throw new PatchbayError('published_to_server', `This installation was published to ${servers.join(', ')} and runs there: activate or run it on that server, or Take back the installation here (installation page) to run it on this desktop again.`, { servers });
}
