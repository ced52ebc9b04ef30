import type { MethodName, MethodResult, ParsedArgs } from '../../api/contract';
import type { EngineContext } from '../context';

export type Handler<M extends MethodName> = (ctx: EngineContext, args: ParsedArgs<M>) => MethodResult<M> | Promise<MethodResult<M>>;

export type Handlers<M extends MethodName> = { readonly [K in M]: Handler<K> };
