import type { z } from 'zod';
import { roleAllows, type Role } from '../shared/roles';
import type { EngineEventListener } from './events';
import { apiKeyMethods } from './methods/api-keys';
import { blockMethods } from './methods/blocks';
import { bundleMethods } from './methods/bundles';
import { codeMethods } from './methods/code';
import { connectionMethods } from './methods/connections';
import { goldenMethods } from './methods/golden';
import { mappingMethods } from './methods/mapping';
import { mappingFieldMethods } from './methods/mapping-fields';
import { mappingEntityMethods } from './methods/mappings';
import { installationMethods } from './methods/installations';
import { integrationMethods } from './methods/integrations';
import { lifecycleMethods } from './methods/lifecycle';
import { runMethods } from './methods/runs';
import { serverMethods } from './methods/servers';
import { userMethods } from './methods/users';
import { workflowMethods } from './methods/workflows';

// Every engine method, by name. Hosts (IPC, HTTP, CLI) carry exactly these; a method without
// schemas cannot be added here.
export const methods = {
  ...workflowMethods,
  ...blockMethods,
  ...runMethods,
  ...integrationMethods,
  ...installationMethods,
  ...lifecycleMethods,
  ...bundleMethods,
  ...mappingMethods,
  ...mappingFieldMethods,
  ...mappingEntityMethods,
  ...codeMethods,
  ...connectionMethods,
  ...goldenMethods,
  ...apiKeyMethods,
  ...userMethods,
  ...serverMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

/** What a client sees over any transport: a typed call per method, plus events. */
export interface EngineClient {
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  subscribe(listener: EngineEventListener): () => void;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** The methods a role may call: what a signed-in browser is told, so it can hide the rest. */
export function methodsFor(role: Role): MethodName[] {
  return (Object.keys(methods) as MethodName[]).filter((name) => roleAllows(role, methods[name].access));
}
