import type { BlockFormField } from '../../../../engine/api';
import { blockMeta } from '../../catalog/blocks';
import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { isConnectionKind } from '../../catalog/connectionKinds';
import { NumberField, SelectField, TextArea, TextField } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';
import { JsonConfigForm } from './json';

// The form of every kind whose catalog entry lists its fields (the engine's block folder says what
// they are); kinds that need more have a component of their own in this folder.

function FormField({ field, value, update, errors }: { field: BlockFormField; value: unknown; update(v: unknown): void; errors: readonly string[] }) {
  const common = { name: field.key, label: field.label, hint: field.hint, errors };
  switch (field.type) {
    case 'textarea':
      return <TextArea {...common} rows={3} value={str(value)} placeholder={field.placeholder} onChange={update} />;
    case 'number':
      // A template such as {{ installation.config.n }} stays editable as text.
      return typeof value === 'string'
        ? <TextField {...common} mono value={value} placeholder={field.placeholder} onChange={(v) => update(v !== '' && Number.isFinite(Number(v)) ? Number(v) : v)} />
        : <NumberField {...common} min={field.min} max={field.max} value={typeof value === 'number' ? value : (field.min ?? 0)} onChange={update} />;
    case 'boolean':
      return (
        <label className="inline-check" title={field.hint}>
          <input type="checkbox" data-testid={`field-${field.key}`} checked={value === true} onChange={(e) => update(e.target.checked)} />
          {field.label}
        </label>
      );
    case 'select': {
      const options = field.options ?? [];
      const current = options.find((o) => o.value === value)?.value ?? options[0]?.value ?? '';
      return <SelectField {...common} value={current} options={options} onChange={update} />;
    }
    case 'connection':
      return field.connectionKind && isConnectionKind(field.connectionKind)
        ? <ConnectionPicker kind={field.connectionKind} value={typeof value === 'number' ? String(value) : str(value)} errors={errors} onChange={update} />
        : <TextField {...common} mono value={str(value)} onChange={update} />;
    case 'text':
    case 'template':
      return <TextField {...common} mono value={typeof value === 'number' ? String(value) : str(value)} placeholder={field.placeholder} onChange={update} />;
  }
}

export function GenericForm(props: FormProps) {
  const fields = blockMeta(props.block.kind).form;
  if (fields.length === 0) return <JsonConfigForm {...props} />;
  return (
    <>
      {fields.map((f) => (
        <FormField key={f.key} field={f} value={props.config[f.key]} errors={fieldIssues(props.issues, f.key)} update={(v) => props.update({ [f.key]: v })} />
      ))}
    </>
  );
}
