import { AsyncLocalStorage } from 'node:async_hooks';

// Who the activity log names. A host that knows who sent a request (the bridge with API keys knows
// the key's name) runs its handling inside `actingAs`; every entry written on its behalf, however
// deep the call, names that person without passing a name through every function. Elsewhere (the
// desktop, the CLI, a worker) the repository's own actor stands: the OS user, or the process.

const acting = new AsyncLocalStorage<string>();

export function actingAs<T>(actor: string, work: () => T): T {
  return acting.run(actor, work);
}

/** The actor of the request being handled, if a host named one. */
export function currentActor(): string | undefined {
  return acting.getStore();
}
