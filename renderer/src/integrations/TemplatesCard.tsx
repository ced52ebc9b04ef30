import { useCallback } from 'react';
import { useClient } from '../client/context';
import { hrefs, navigate } from '../installations/routes';
import { useAction, useLoad } from '../installations/useLoad';

/** Built-in starting points, e.g. the NetSuite Order Sync with its three base workflows. */
export function TemplatesCard() {
  const client = useClient();
  const templates = useLoad(useCallback(() => client.call('integrations.templates', {}), [client]));
  const action = useAction();
  if (!templates.data || templates.data.length === 0) return null;
  return (
    <section className="card create-card" aria-label="Start from a template" data-testid="integration-templates">
      <h2>Start from a template</h2>
      {templates.data.map((t) => (
        <div key={t.id} className="template-row">
          <div>
            <strong>{t.name}</strong>
            <div className="row-sub">{t.description}</div>
            <div className="row-sub">Workflows: {t.workflows.join(' · ')}</div>
          </div>
          <button
            type="button"
            data-testid={`use-template-${t.id}`}
            disabled={action.busy}
            onClick={() =>
              void action
                .run(() => client.call('integrations.createFromTemplate', { templateId: t.id }))
                .then((created) => created && navigate(hrefs.integration(created.id)))
            }
          >
            Use template
          </button>
        </div>
      ))}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
    </section>
  );
}
