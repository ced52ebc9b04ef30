import type { MethodName } from '../../api/contract';
import { apiKeyHandlers } from './api-keys';
import { blockHandlers } from './blocks';
import { bundleHandlers } from './bundles';
import { codeHandlers } from './code';
import { connectionHandlers } from './connections';
import { goldenHandlers } from './golden';
import { mappingHandlers } from './mapping';
import { mappingFieldHandlers } from './mapping-fields';
import { mappingEntityHandlers } from './mappings';
import { installationHandlers } from './installations';
import { integrationHandlers } from './integrations';
import { lifecycleHandlers } from './lifecycle';
import { runHandlers } from './runs';
import { serverHandlers } from './servers';
import { userHandlers } from './users';
import type { Handler, Handlers } from './types';
import { workflowHandlers } from './workflows';

/** Every contract method has exactly one handler; a missing one fails to compile here. */
export const handlers: Handlers<MethodName> = {
  ...workflowHandlers,
  ...blockHandlers,
  ...runHandlers,
  ...integrationHandlers,
  ...installationHandlers,
  ...lifecycleHandlers,
  ...bundleHandlers,
  ...mappingHandlers,
  ...mappingFieldHandlers,
  ...mappingEntityHandlers,
  ...codeHandlers,
  ...connectionHandlers,
  ...goldenHandlers,
  ...apiKeyHandlers,
  ...userHandlers,
  ...serverHandlers,
};

export function handlerFor<M extends MethodName>(name: M): Handler<M> {
  return handlers[name] as Handler<M>;
}
