import type { ConnectionStore } from '../connections/store';
import { redactSecrets } from '../secrets/redact';

/**
 * Knows every stored secret (decrypting them once, again only after a connection changes) and
 * removes them from journals, events and error payloads.
 */
export class SecretRedactor {
  private cached: string[] | null = null;

  constructor(private readonly store: ConnectionStore) {}

  invalidate(): void {
    this.cached = null;
  }

  private values(): string[] {
    this.cached ??= this.store.allSecretValues();
    return this.cached;
  }

  /** Null when there is nothing to hide, so hot paths skip the deep copy. */
  redactor(): ((value: unknown) => unknown) | null {
    const secrets = this.values();
    return secrets.length === 0 ? null : (value) => redactSecrets(value, secrets);
  }

  redact<T>(value: T): T {
    const r = this.redactor();
    return r ? (r(value) as T) : value;
  }
}
