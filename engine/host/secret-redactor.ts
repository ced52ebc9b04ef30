import type { ConnectionStore } from '../connections/store';
import { secretsRedactor, type Redactor } from '../secrets/redact';

/**
 * Knows every stored secret and removes them from journals, events and error payloads. Redaction
 * is synchronous where it is called (journal writes, errors, logs), so the secrets are held in
 * memory and read again from the store, asynchronously, by `refresh` whenever a connection
 * changes: a write path awaits it, so a secret saved is known before any run can use it.
 */
export class SecretRedactor {
  private values: readonly string[] = [];
  private cachedRedactor: { readonly of: readonly string[]; readonly redactor: Redactor | null } | null = null;
  private readonly listeners = new Set<() => void>();
  /** The refresh under way: a second one waits for it, so an older read never lands last. */
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly store: ConnectionStore) {}

  /** Reads the secrets again, then tells the listeners (run workers hold redactors of their own). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.catch(() => undefined).then(async () => {
      this.values = await this.store.allSecretValues();
      for (const l of this.listeners) l();
    });
    return this.refreshing;
  }

  /** Called after each refresh. */
  onInvalidate(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Every stored secret, for callers that must find them in text (e.g. bundle export). */
  secretValues(): readonly string[] {
    return this.values;
  }

  /** Null when there is nothing to hide, so hot paths skip the deep copy. */
  redactor(): Redactor | null {
    const secrets = this.values;
    if (this.cachedRedactor?.of !== secrets) {
      // By value only: key-name redaction would also blank customer data that merely has a key
      // called apiKey, and a reused step would then send "[redacted]" onward.
      this.cachedRedactor = { of: secrets, redactor: secretsRedactor(secrets, { byKeyName: false }) };
    }
    return this.cachedRedactor.redactor;
  }

  redact<T>(value: T): T {
    const r = this.redactor();
    return r ? (r(value) as T) : value;
  }
}
