// Engine-wide services (sandbox pool, connection store, connectors…) reach blocks through typed
// keys, so a block module declares what it needs without a central interface every area edits.
export interface ServiceKey<T> {
  readonly name: string;
  /** Phantom field: carries T at the type level only. */
  readonly __type?: T;
}

export function serviceKey<T>(name: string): ServiceKey<T> {
  return { name };
}

export class ServiceRegistry {
  private readonly services = new Map<string, unknown>();

  provide<T>(key: ServiceKey<T>, service: T): void {
    this.services.set(key.name, service);
  }

  get<T>(key: ServiceKey<T>): T {
    if (!this.services.has(key.name)) throw new Error(`engine service "${key.name}" is not available in this host`);
    return this.services.get(key.name) as T;
  }

  tryGet<T>(key: ServiceKey<T>): T | undefined {
    return this.services.get(key.name) as T | undefined;
  }

  /** A copy whose services can be replaced without touching this one (e.g. per-run caches). */
  child(): ServiceRegistry {
    const copy = new ServiceRegistry();
    for (const [name, service] of this.services) copy.services.set(name, service);
    return copy;
  }
}
