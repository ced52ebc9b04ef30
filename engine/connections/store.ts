import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PatchbayError } from '../errors/patchbay-error';
import { connectionKindSchema, maskedSecret, type Connection, type ConnectionKind, type SaveConnectionArgs } from '../api/methods/connections';
import { connectorFor } from '../connectors/registry';
import type { SecretBox } from '../secrets/envelope';
import { checkRequired, splitValues, type FieldValues } from './values';

// The connection repository. Secrets are sealed per field before they reach SQLite and are only
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

export class ConnectionStore {
  /** Asked once per step that uses a connection, so prepared once. */
  private hidingQuery: Database.Statement | null = null;
  private usersQuery: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly box: SecretBox,
  ) {}

  list(filter: { installationId?: string | undefined } = {}): Connection[] {
    const rows = filter.installationId
      ? (this.db.prepare('SELECT * FROM connections WHERE installation_id = ? ORDER BY name, id').all(filter.installationId) as Row[])
      : (this.db.prepare('SELECT * FROM connections ORDER BY name, id').all() as Row[]);
    return rows.map((r) => this.toPublic(r));
  }

  get(id: string): Connection {
    return this.toPublic(this.row(id));
  }

  kindOf(id: string): ConnectionKind | undefined {
    const row = this.db.prepare('SELECT kind FROM connections WHERE id = ?').get(id) as { kind: string } | undefined;
    return row ? connectionKindSchema.parse(row.kind) : undefined;
  }

  save(args: SaveConnectionArgs): Connection {
    const kind = connectionKindSchema.parse(args.kind);
    const existing = args.id ? this.maybeRow(args.id) : undefined;
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
    const now = new Date().toISOString();
    const installationId = args.installationId === undefined ? (existing?.installation_id ?? null) : args.installationId;
    if (existing) {
      this.db
        .prepare('UPDATE connections SET name = ?, installation_id = ?, config = ?, secrets = ?, updated_at = ? WHERE id = ?')
        .run(args.name, installationId, JSON.stringify(config), JSON.stringify(sealedOut), now, id);
    } else {
      this.db
        .prepare('INSERT INTO connections (id, name, kind, installation_id, config, secrets, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, args.name, kind, installationId, JSON.stringify(config), JSON.stringify(sealedOut), now, now);
    }
    return this.get(id);
  }

  setHideResponseBodies(id: string, hide: boolean): Connection {
    this.row(id);
    this.db.prepare('UPDATE connections SET hide_response_bodies = ?, updated_at = ? WHERE id = ?').run(hide ? 1 : 0, new Date().toISOString(), id);
    return this.get(id);
  }

  /** Ids of the connections whose response bodies stay out of journals, for the run loop. */
  hidingResponseBodies(): ReadonlySet<string> {
    this.hidingQuery ??= this.db.prepare('SELECT id FROM connections WHERE hide_response_bodies = 1');
    const rows = this.hidingQuery.all() as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Refused while an installation (not uninstalled) is bound to it: its runs would all fail with
   * not_found, and the installation would still look ready.
   */
  delete(id: string): boolean {
    const users = this.usersOf(id);
    if (users.length > 0) {
      const names = users.map((u) => `"${u.customerName}"`).join(', ');
      const them = users.length === 1 ? 'it' : 'them';
      throw new PatchbayError(
        'connection_in_use',
        `Connection "${this.row(id).name}" is used by the installation${users.length === 1 ? '' : 's'} ${names}; choose another connection for ${them} (or uninstall ${them}) first, then delete this one.`,
        { id, usedBy: users },
      );
    }
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  /** Forgets the secrets but keeps the connection (uninstall): it must be re-entered to be used. */
  deleteSecrets(id: string): void {
    this.db.prepare("UPDATE connections SET secrets = '{}', updated_at = ? WHERE id = ?").run(new Date().toISOString(), id);
  }

  /** Decrypted values, for building a connector. */
  resolve(id: string): ResolvedConnection {
    const row = this.row(id);
    const values: Record<string, string | number> = { ...(JSON.parse(row.config) as Record<string, string | number>) };
    for (const [field, sealed] of Object.entries(JSON.parse(row.secrets) as Record<string, string>)) {
      values[field] = this.box.decrypt(sealed, context(id, field));
    }
    return { id: row.id, name: row.name, kind: connectionKindSchema.parse(row.kind), installationId: row.installation_id, values, updatedAt: row.updated_at };
  }

  /** Every stored secret in clear, for `redactSecrets` over journals and logs. */
  allSecretValues(): string[] {
    const out: string[] = [];
    for (const row of this.db.prepare('SELECT id, secrets FROM connections').all() as Array<Pick<Row, 'id' | 'secrets'>>) {
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
  usersOf(id: string): Array<{ installationId: string; customerName: string }> {
    this.usersQuery ??= this.db.prepare(
      `SELECT DISTINCT i.id AS installationId, i.customer_name AS customerName FROM installation_connections ic
       JOIN installations i ON i.id = ic.installation_id
       WHERE ic.connection_id = ? AND i.status <> 'uninstalled' ORDER BY i.customer_name, i.id`,
    );
    return this.usersQuery.all(id) as Array<{ installationId: string; customerName: string }>;
  }

  private maybeRow(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
  }

  private row(id: string): Row {
    const row = this.maybeRow(id);
    if (!row) throw new PatchbayError('not_found', `Connection "${id}" does not exist (it may have been deleted); choose or create another connection where it was used.`, { id });
    return row;
  }

  private toPublic(row: Row): Connection {
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
      hideResponseBodies: row.hide_response_bodies === 1, usedBy: this.usersOf(row.id), createdAt: row.created_at, updatedAt: row.updated_at,
    };
  }
}
