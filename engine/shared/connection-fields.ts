// Which connection fields apply to a set of values: a field with `showWhen` counts (is shown,
// required, used) only while the named field has one of the listed values. Shared by the engine's
// checks and the renderer's form so both agree on what a connection of each mode needs.

export interface FieldApplicability {
  readonly key: string;
  readonly type: string;
  readonly options?: readonly { readonly value: string }[] | undefined;
  readonly showWhen?: { readonly key: string; readonly values: readonly string[] } | undefined;
}

/** The value a field has for these values: a select falls back to its first option. */
export function fieldValue(spec: FieldApplicability, values: Readonly<Record<string, unknown>>): unknown {
  const v = values[spec.key];
  if ((v === undefined || v === null || v === '') && spec.type === 'select') return spec.options?.[0]?.value;
  return v;
}

export function fieldApplies(spec: FieldApplicability, all: readonly FieldApplicability[], values: Readonly<Record<string, unknown>>): boolean {
  if (!spec.showWhen) return true;
  const controller = all.find((f) => f.key === spec.showWhen?.key);
  const v = controller ? fieldValue(controller, values) : values[spec.showWhen.key];
  return typeof v === 'string' && spec.showWhen.values.includes(v);
}
