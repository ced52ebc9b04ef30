import { useState } from 'react';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import type { UpgradePlan, UpgradePreview } from '../../../../engine/api/methods/lifecycle';
import { errorCode, errorMessage } from '../../client';
import { useClient } from '../../client/context';
import { useAction } from '../useLoad';
import { RegressionView } from '../golden/RegressionView';
import './lifecycle.css';
import { useCan } from '../../session/context';

export const planWords: Readonly<Record<UpgradePlan, string>> = {
  unchanged: 'unchanged',
  fast_forward: 'fast-forward',
  rebase_clean: 'rebase (clean)',
  rebase_conflicts: 'rebase (conflicts)',
  added: 'new workflow',
};

function PlanList({ preview }: { preview: UpgradePreview }) {
  return (
    <>
      <ul className="plan-list" data-testid="upgrade-plan">
        {preview.workflows.map((w) => (
          <li key={w.workflowId} data-testid={`upgrade-plan-${w.workflowId}`} data-plan={w.plan}>
            <span className="plan-badge">{planWords[w.plan]}</span> <b>{w.name}</b>{w.customised ? <span className="badge badge-custom">custom</span> : null}
            <div className="row-sub">{w.message}</div>
          </li>
        ))}
        {preview.mappings.map((m) => (
          <li key={m.mappingId} data-testid={`upgrade-plan-mapping-${m.mappingId}`} data-plan={m.plan}>
            <span className="plan-badge">{planWords[m.plan]}</span> Mapping <b>{m.name}</b>{m.customised ? <span className="badge badge-custom">custom</span> : null}
            <div className="row-sub">{m.message}</div>
          </li>
        ))}
      </ul>
      <p className="form-note" data-testid="upgrade-will-run">
        {preview.willRun.length > 0
          ? `Runs after the upgrade: ${preview.willRun.map((w) => w.name).join(', ')} (on-upgrade trigger).`
          : 'Nothing runs because of the upgrade: on-install workflows (the backfill) are not run again.'}
      </p>
    </>
  );
}

/**
 * Moving an installed customer to a newer release: one preview of every workflow's fate, then one
 * action. Conflicting user-specific versions are rebased (decided) first, from their row.
 */
export function UpgradeSection(props: { installation: InstallationRecord; onUpgraded(r: InstallationRecord): void }) {
  const client = useClient();
  const can = useCan();
  const inst = props.installation;
  const action = useAction();
  const [preview, setPreview] = useState<UpgradePreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const latest = inst.latestVersion ?? inst.version;
  const behind = latest !== null && inst.version !== null && latest > inst.version;
  const load = () => void action.run(() => client.call('installations.upgradePreview', { id: inst.id })).then((p) => p && setPreview(p));
  // Answers after which the previewed upgrade is spent: it stood although an on-upgrade run could
  // not start, or it had already been applied. The preview goes, so "Upgrade" cannot be clicked again.
  const spent = async (e: unknown): Promise<undefined> => {
    if (errorCode(e) !== 'upgrade_run_not_started' && errorCode(e) !== 'already_on_release') throw e;
    setPreview(null);
    setWarning(errorMessage(e));
    props.onUpgraded(await client.call('installations.get', { id: inst.id }));
    return undefined;
  };
  const apply = () => {
    setWarning(null);
    void action.run(() => client.call('installations.upgrade', { id: inst.id, releaseId: preview?.releaseId }).catch(spent)).then((r) => {
      if (!r) return;
      const w = r.workflows.filter((x) => x.plan !== 'unchanged').length;
      const m = r.mappings.filter((x) => x.plan !== 'unchanged').length;
      const what = `${w} workflow${w === 1 ? '' : 's'}${m > 0 ? ` and ${m} mapping${m === 1 ? '' : 's'}` : ''}`;
      // A block brought back with nothing leading to it is said here, before anyone activates.
      const stranded = r.workflows.filter((x) => x.unconnected).map((x) => `In "${x.name}": ${x.message}`);
      setDone([`Upgraded to v${r.installation.version ?? ''}: ${what} changed, ${r.runs.length} run${r.runs.length === 1 ? '' : 's'} started.`, ...stranded].join(' '));
      setPreview(null);
      props.onUpgraded(r.installation);
    });
  };
  return (
    <section className="card" aria-labelledby="upgrade-title" data-testid="upgrade-section">
      <h2 id="upgrade-title">Release</h2>
      <p data-testid="upgrade-status">
        On <b>v{inst.version}</b>. {behind ? `v${latest} is available.` : 'This is the latest release.'}
      </p>
      {behind && !preview && can('installations.upgrade') ? (
        <button type="button" className="primary" data-testid="upgrade-preview" disabled={action.busy} onClick={load}>Preview upgrade to v{latest}</button>
      ) : null}
      {preview ? (
        <>
          <PlanList preview={preview} />
          {preview.regression ? <RegressionView report={preview.regression} /> : (
            <p className="form-note" data-testid="upgrade-no-golden">No golden records: keep some from a test sync to see what this upgrade changes in the customer&apos;s output.</p>
          )}
          {preview.blocked ? (
            <div className="banner banner-error" role="alert" data-testid="upgrade-blocked">
              Some customer versions conflict with v{preview.toVersion}: open <b>Rebase</b> on each one below (workflows, or the
              customer&apos;s mapping), decide its conflicts, then upgrade.
            </div>
          ) : null}
          <div className="card-actions">
            <button type="button" onClick={() => setPreview(null)}>Cancel</button>
            <button type="button" className="primary" data-testid="upgrade-apply" disabled={preview.blocked || action.busy} onClick={apply}>
              Upgrade to v{preview.toVersion}
            </button>
          </div>
        </>
      ) : null}
      {action.error ? <div className="banner banner-error" role="alert" data-testid="upgrade-error">{action.error}</div> : null}
      {warning ? <div className="banner banner-warn" role="status" data-testid="upgrade-warning">{warning}</div> : null}
      {done ? <div className="banner banner-info" role="status" data-testid="upgrade-done">{done}</div> : null}
    </section>
  );
}
