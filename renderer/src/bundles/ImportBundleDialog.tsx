import { useEffect, useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import type { BundlePlanItem } from '../../../engine/api/methods/bundles';
import { useClient } from '../client/context';
import { hrefs } from '../installations/routes';
import { useAction } from '../installations/useLoad';

type Imported = MethodResult<'bundles.import'>;

const kindLabel: Readonly<Record<BundlePlanItem['kind'], string>> = {
  integration: 'Integration',
  workflow: 'Workflow',
  mapping: 'Mapping',
  customMapping: "Customer's mapping",
  release: 'Release',
  installation: 'Customer',
  custom: 'User-specific version',
};

const groups: readonly { action: BundlePlanItem['action']; title: string }[] = [
  { action: 'conflict', title: 'Conflicts with what is here' },
  { action: 'add', title: 'Will be added' },
  { action: 'update', title: 'Will be updated (the current version stays in the history)' },
  { action: 'unchanged', title: 'Already here, unchanged' },
];

/** Shows what the chosen bundle would add, update or conflict with, and imports on confirmation. */
export function ImportBundleDialog(props: { fileName: string; base64: string; onClose(): void; onImported(): void }) {
  const client = useClient();
  const [asCopy, setAsCopy] = useState(false);
  const [items, setItems] = useState<readonly BundlePlanItem[] | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const preview = useAction();
  const importing = useAction();
  const { run } = preview;

  useEffect(() => {
    setItems(null);
    void run(() => client.call('bundles.preview', { base64: props.base64, asCopy })).then((p) => p && setItems(p.items));
  }, [client, props.base64, asCopy, run]);

  const conflicts = items?.filter((i) => i.action === 'conflict').length ?? 0;
  const confirm = () => {
    void importing.run(() => client.call('bundles.import', { base64: props.base64, asCopy })).then((r) => {
      if (!r) return;
      setDone(r);
      props.onImported();
    });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="modal bundle-modal" role="dialog" aria-modal="true" aria-labelledby="import-bundle-title" data-testid="import-bundle-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h2 id="import-bundle-title">Import {props.fileName}</h2>
        {preview.error ? <div className="banner banner-error" role="alert" data-testid="import-bundle-error">{preview.error}</div> : null}
        {done ? (
          <div className="banner" role="status" data-testid="import-bundle-done">
            Imported.{' '}
            {done.integrations.map((i) => <a key={i.id} href={hrefs.integration(i.id)} onClick={props.onClose}>Open {i.name}</a>)}
          </div>
        ) : items === null ? (preview.error ? null : <p className="empty-note">Checking the bundle…</p>) : (
          <>
            <label className="check">
              <input type="checkbox" data-testid="import-as-copy" checked={asCopy} onChange={(e) => setAsCopy(e.target.checked)} />
              Import as a copy (new ids: nothing here is changed, and nothing can conflict)
            </label>
            <div className="bundle-plan" data-testid="import-bundle-plan">
              {groups.map((g) => {
                const list = items.filter((i) => i.action === g.action);
                if (list.length === 0) return null;
                return (
                  <section key={g.action} data-testid={`plan-${g.action}`}>
                    <h3>{g.title} ({list.length})</h3>
                    <ul>
                      {list.map((i) => (
                        <li key={`${i.kind}:${i.id}`}>
                          <span className="muted">{kindLabel[i.kind]}</span> {i.name}
                          {i.reason ? <div className="field-error">{i.reason}</div> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
            {conflicts > 0 ? <div className="field-hint">Nothing is imported while something conflicts. Import it as a copy to keep both.</div> : null}
          </>
        )}
        {importing.error ? <div className="field-error" role="alert">{importing.error}</div> : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>{done ? 'Close' : 'Cancel'}</button>
          {done ? null : (
            <button type="button" className="primary" data-testid="import-bundle-confirm" disabled={importing.busy || items === null || conflicts > 0} onClick={confirm}>
              Import
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
