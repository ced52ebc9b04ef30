import type { BlockForm } from '../types';
import { BranchForm } from './branch';
import { CustomCodeForm } from './custom_code';
import { DelayForm } from './delay';
import { ForEachForm } from './for_each';
import { HttpRequestForm } from './http_request';
import { JsonConfigForm } from './json';
import { LogForm } from './log';
import { MapFieldsForm } from './map_fields';
import { NetsuiteFetchOrdersForm } from './netsuite_fetch_orders';
import { NetsuiteGetOrderForm } from './netsuite_get_order';
import { NetsuiteUpdateOrderForm } from './netsuite_update_order';
import { NetsuiteUpsertOrderForm } from './netsuite_upsert_order';
import { SetVariableForm } from './set_variable';
import { StopForm } from './stop';
import { TriggerForm } from './trigger';
import './kinds.css';

// The inspector's form per block kind. A new kind needs one file in this folder and one line
// here; kinds without a form fall back to editing their config as JSON.
const forms: Readonly<Record<string, BlockForm>> = {
  trigger: TriggerForm,
  stop: StopForm,
  http_request: HttpRequestForm,
  branch: BranchForm,
  for_each: ForEachForm,
  log: LogForm,
  set_variable: SetVariableForm,
  delay: DelayForm,
  map_fields: MapFieldsForm,
  custom_code: CustomCodeForm,
  netsuite_fetch_orders: NetsuiteFetchOrdersForm,
  netsuite_get_order: NetsuiteGetOrderForm,
  netsuite_update_order: NetsuiteUpdateOrderForm,
  netsuite_upsert_order: NetsuiteUpsertOrderForm,
};

export function formFor(kind: string): BlockForm {
  return forms[kind] ?? JsonConfigForm;
}

export function hasForm(kind: string): boolean {
  return kind in forms;
}
