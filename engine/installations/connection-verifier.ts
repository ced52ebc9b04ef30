import { serviceKey } from '../runtime/services';

/**
 * How installations check the connections bound to them. The connection store provides it;
 * installing refuses a missing, wrongly kinded or failing connection, naming it.
 */
export interface ConnectionVerifier {
  kindOf(connectionId: string): Promise<string | undefined>;
  test(connectionId: string): Promise<{ readonly ok: boolean; readonly message: string }>;
  /** The installation a connection was created for, or null for a shared one. */
  ownerOf(connectionId: string): Promise<string | null>;
  /** Uninstall deletes the installation's secrets; history stays. */
  deleteSecrets(connectionId: string): Promise<void>;
}

export const connectionVerifierKey = serviceKey<ConnectionVerifier>('connectionVerifier');
