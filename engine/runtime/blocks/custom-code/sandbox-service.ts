import type { Sandbox } from '../../../sandbox/types';
import { serviceKey } from '../../services';

/**
 * The engine's one sandbox. createEngine provides it (`createSandbox()`) and disposes it on close;
 * the Custom Code block and the `code.*` methods read it from the service registry.
 */
export const sandboxServiceKey = serviceKey<Sandbox>('sandbox');
