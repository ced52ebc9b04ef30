// Who may do what on a Patchbay server (`--auth api-keys`). Each role includes the ones before it:
// a viewer reads (lists, gets, runs and their steps, the event stream); an operator also runs,
// test-syncs, activates, pauses and cancels; an admin does everything else (editing, releasing,
// publishing to this server, keys and users). Each contract method names the least role it needs
// (engine/api/method.ts). Shared so the renderer can say what a role may do.

export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(text: string): text is Role {
  return (roles as readonly string[]).includes(text);
}

/** True when `role` includes `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}
