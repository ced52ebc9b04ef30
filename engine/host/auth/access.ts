import { isMethodName, methods } from '../../api/contract';
import type { ErrorPayload } from '../../errors/patchbay-error';
import { roleAllows, type Role } from '../../shared/roles';

/**
 * Why `role` may not call `method`, or null when it may. The one check of the contract's access
 * levels (engine/api/method.ts); an unknown method is left to dispatch, which names it.
 */
export function refusedForRole(role: Role, method: string): ErrorPayload | null {
  if (!isMethodName(method)) return null;
  const needed = methods[method].access;
  if (roleAllows(role, needed)) return null;
  return {
    code: 'forbidden_for_role',
    message: `${method} needs the ${needed} role, and you are signed in as ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}; ask an administrator for a user or API key with the ${needed} role.`,
    details: { method, needed, role },
  };
}
