import type { ConnectionStore } from '../connections/store';
import { secretsRedactor, type Redactor } from '../secrets/redact';

/**
 * Knows every stored secret (decrypting them once, again only after a connection changes) and
 * removes them from journals, events and error payloads.
 */
export class SecretRedactor {
  private cached: string[] | null = null;
  private cachedRedactor: { readonly of: readonly string[]; readonly redactor: Redactor | null } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: ConnectionStore) {}

  invalidate(): void {
    this.cached = null;
    for (const l of this.listeners) l();
  }

  /** Called after each invalidate: run workers hold redactors of their own. */
  onInvalidate(listener: () => void): void {
    this.listeners.add(listener);
  }

  private values(): string[] {
    this.cached ??= this.store.allSecretValues();
    return this.cached;
  }

  /** Every stored secret, for callers that must find them in text (e.g. bundle export). */
  secretValues(): readonly string[] {
    return this.values();
  }

  /** Null when there is nothing to hide, so hot paths skip the deep copy. */
  redactor(): Redactor | null {
    const secrets = this.values();
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
