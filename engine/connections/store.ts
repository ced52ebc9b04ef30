import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PatchbayError } from '../errors/patchbay-error';
import { connectionKindSchema, maskedSecret, type Connection, type ConnectionKind, type SaveConnectionArgs } from '../api/methods/connections';
import { connectorFor } from '../connectors/registry';
import type { SecretBox } from '../secrets/envelope';
import { nowIso } from '../storage/db';
import type { Tables } from '../storage/tables';
import { checkRequired, splitValues, type FieldValues } from './values';

// The connection repository. Secrets are sealed per field before they reach the database and are only
// opened by `resolve` (for connectors) and `allSecretValues` (for redaction); every read that can
// reach a client goes through `toPublic`, which masks them.

interface Row {
  id: string;
  name: string;
  kind: string;
  installation_id: string | null;
  config: string;
  secrets: string;
  created_at: string;
  updated_at: string;
  hide_response_bodies: number;
}

/** A connection with its secrets in clear: for connectors only, never for a client. */
export interface ResolvedConnection {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly installationId: string | null;
  readonly values: Readonly<Record<string, string | number>>;
  readonly updatedAt: string;
}

const context = (id: string, field: string): string => `connection:${id}:${field}`;

interface User {
  installationId: string;
  customerName: string;
}

export class ConnectionStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly box: SecretBox,
  ) {}

  /** The same store inside a caller's transaction (`trx`), so its writes commit or roll back with the caller's. */
  in(trx: Kysely<Tables>): ConnectionStore {
    return new ConnectionStore(trx, this.box);
  }

  async list(filter: { installationId?: string | undefined } = {}): Promise<Connection[]> {
    let query = this.db.selectFrom('connections').selectAll();
    if (filter.installationId) query = query.where('installation_id', '=', filter.installationId);
    const rows = await query.orderBy('name').orderBy('id').execute();
    const users = await this.usersOfAll(rows.map((r) => r.id));
    return rows.map((r) => this.toPublic(r, users.get(r.id) ?? []));
  }

  async get(id: string): Promise<Connection> {
    return this.publicOf(await this.row(id));
  }

  async kindOf(id: string): Promise<ConnectionKind | undefined> {
    const row = await this.db.selectFrom('connections').select('kind').where('id', '=', id).executeTakeFirst();
    return row ? connectionKindSchema.parse(row.kind) : undefined;
  }

  async save(args: SaveConnectionArgs): Promise<Connection> {
    const kind = connectionKindSchema.parse(args.kind);
    // Read and write in one transaction: two saves of one connection must not merge their secrets.
    const id = await this.transaction(async (trx) => {
      const existing = args.id ? await maybeRow(trx, args.id) : undefined;
      if (existing && existing.kind !== kind) {
        throw new PatchbayError('invalid_connection', `Connection "${existing.name}" is a ${existing.kind} connection; create a new one for ${kind}.`);
      }
      const id = existing?.id ?? args.id ?? randomUUID();
      const { config, secrets } = splitValues(kind, args.values ?? {});
      const stored: Record<string, string> = existing ? (JSON.parse(existing.secrets) as Record<string, string>) : {};
      const clear: Record<string, string> = {};
      for (const [field, sealed] of Object.entries(stored)) clear[field] = this.box.decrypt(sealed, context(id, field));
      for (const [field, value] of Object.entries(secrets)) {
        if (value === undefined) continue;
        if (value === '') delete clear[field];
        else clear[field] = value;
      }
      checkRequired(kind, config, clear);
      const sealedOut: Record<string, string> = {};
      for (const [field, value] of Object.entries(clear)) sealedOut[field] = this.box.encrypt(value, context(id, field));
      const now = nowIso();
      const installationId = args.installationId === undefined ? (existing?.installation_id ?? null) : args.installationId;
      const values = { name: args.name, installation_id: installationId, config: JSON.stringify(config), secrets: JSON.stringify(sealedOut), updated_at: now };
      if (existing) await trx.updateTable('connections').set(values).where('id', '=', id).execute();
      else await trx.insertInto('connections').values({ id, kind, created_at: now, ...values }).execute();
      return id;
    });
    return this.get(id);
  }

  async setHideResponseBodies(id: string, hide: boolean): Promise<Connection> {
    await this.row(id);
    await this.db.updateTable('connections').set({ hide_response_bodies: hide ? 1 : 0, updated_at: nowIso() }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Ids of the connections whose response bodies stay out of journals, for the run loop. */
  async hidingResponseBodies(): Promise<ReadonlySet<string>> {
    const rows = await this.db.selectFrom('connections').select('id').where('hide_response_bodies', '=', 1).execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Refused while an installation (not uninstalled) is bound to it: its runs would all fail with
   * not_found, and the installation would still look ready.
   */
  async delete(id: string): Promise<boolean> {
    const users = await this.usersOf(id);
    if (users.length > 0) {
      const names = users.map((u) => `"${u.customerName}"`).join(', ');
      const them = users.length === 1 ? 'it' : 'them';
      throw new PatchbayError(
        'connection_in_use',
        `Connection "${(await this.row(id)).name}" is used by the installation${users.length === 1 ? '' : 's'} ${names}; choose another connection for ${them} (or uninstall ${them}) first, then delete this one.`,
        { id, usedBy: users },
      );
    }
    const result = await this.db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Forgets the secrets but keeps the connection (uninstall): it must be re-entered to be used. */
  async deleteSecrets(id: string): Promise<void> {
    await this.db.updateTable('connections').set({ secrets: '{}', updated_at: nowIso() }).where('id', '=', id).execute();
  }

  /** Decrypted values, for building a connector. */
  async resolve(id: string): Promise<ResolvedConnection> {
    const row = await this.row(id);
    const values: Record<string, string | number> = { ...(JSON.parse(row.config) as Record<string, string | number>) };
    for (const [field, sealed] of Object.entries(JSON.parse(row.secrets) as Record<string, string>)) {
      values[field] = this.box.decrypt(sealed, context(id, field));
    }
    return { id: row.id, name: row.name, kind: connectionKindSchema.parse(row.kind), installationId: row.installation_id, values, updatedAt: row.updated_at };
  }

  /** Every stored secret in clear, for `redactSecrets` over journals and logs. */
  async allSecretValues(): Promise<string[]> {
    const out: string[] = [];
    for (const row of await this.db.selectFrom('connections').select(['id', 'secrets']).execute()) {
      for (const [field, sealed] of Object.entries(JSON.parse(row.secrets) as Record<string, string>)) {
        try {
          out.push(this.box.decrypt(sealed, context(row.id, field)));
        } catch {
          // An unreadable secret cannot leak either.
        }
      }
    }
    return out;
  }

  /** The installations (not uninstalled) bound to a connection, by customer name. */
  async usersOf(id: string): Promise<User[]> {
    return (await this.usersOfAll([id])).get(id) ?? [];
  }

  /** `usersOf` for several connections in one query (a list would otherwise ask once per row). */
  private async usersOfAll(ids: readonly string[]): Promise<Map<string, User[]>> {
    const out = new Map<string, User[]>();
    if (ids.length === 0) return out;
    const rows = await this.db.selectFrom('installation_connections as ic')
      .innerJoin('installations as i', 'i.id', 'ic.installation_id')
      .select(['ic.connection_id as connectionId', 'i.id as installationId', 'i.customer_name as customerName'])
      .distinct()
      .where('ic.connection_id', 'in', ids)
      .where('i.status', '<>', 'uninstalled')
      .orderBy('i.customer_name').orderBy('i.id')
      .execute();
    for (const r of rows) {
      const users = out.get(r.connectionId) ?? [];
      users.push({ installationId: r.installationId, customerName: r.customerName });
      out.set(r.connectionId, users);
    }
    return out;
  }

  /** A transaction of its own, or the caller's when this store was made `in` one (Kysely does not nest them). */
  private transaction<T>(fn: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
  }

  private async row(id: string): Promise<Row> {
    const row = await maybeRow(this.db, id);
    if (!row) throw new PatchbayError('not_found', `Connection "${id}" does not exist (it may have been deleted); choose or create another connection where it was used.`, { id });
    return row;
  }

  private async publicOf(row: Row): Promise<Connection> {
    return this.toPublic(row, await this.usersOf(row.id));
  }

  private toPublic(row: Row, usedBy: User[]): Connection {
    const kind = connectionKindSchema.parse(row.kind);
    const config = JSON.parse(row.config) as FieldValues;
    const secrets = JSON.parse(row.secrets) as Record<string, string>;
    const values: FieldValues = {};
    for (const spec of connectorFor(kind).fields) {
      if (spec.secret) values[spec.key] = secrets[spec.key] ? maskedSecret : '';
      else if (config[spec.key] !== undefined) values[spec.key] = config[spec.key] ?? null;
    }
    return {
      id: row.id, name: row.name, kind, installationId: row.installation_id, values,
      hideResponseBodies: row.hide_response_bodies === 1, usedBy, createdAt: row.created_at, updatedAt: row.updated_at,
    };
  }
}

function maybeRow(db: Kysely<Tables>, id: string): Promise<Row | undefined> {
  return db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
}
