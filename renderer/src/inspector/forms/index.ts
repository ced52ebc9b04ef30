import type { BlockForm } from '../types';
import { BranchForm } from './branch';
import { CustomCodeForm } from './custom_code';
import { HttpRequestForm } from './http_request';
import { GenericForm } from './generic';
import { MapFieldsForm } from './map_fields';
import { NetsuiteFetchOrdersForm } from './netsuite_fetch_orders';
import { NetsuiteUpdateOrderForm } from './netsuite_update_order';
import { NetsuiteUpsertOrderForm } from './netsuite_upsert_order';
import { TriggerForm } from './trigger';
import './kinds.css';

// Block kinds whose form needs more than the generic one (conditions, rule tables, code, modes).
// Every other kind is drawn from the fields its catalog entry lists, or edited as JSON when it
// lists none (an unknown kind among them, so its config is shown and kept).
const forms: Readonly<Record<string, BlockForm>> = {
  trigger: TriggerForm,
  http_request: HttpRequestForm,
  branch: BranchForm,
  map_fields: MapFieldsForm,
  custom_code: CustomCodeForm,
  netsuite_fetch_orders: NetsuiteFetchOrdersForm,
  netsuite_update_order: NetsuiteUpdateOrderForm,
  netsuite_upsert_order: NetsuiteUpsertOrderForm,
};

export function formFor(kind: string): BlockForm {
  return forms[kind] ?? GenericForm;
}
