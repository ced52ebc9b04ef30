import { useState } from 'react';
import type { InstallationRecord } from '../../../../engine/api/methods/installations';
import { useClient } from '../../client/context';
import { useCan } from '../../session/context';
import { useAction } from '../useLoad';
import { ActivateDialog } from './ActivateDialog';
import './lifecycle.css';

const words = {
  configuring: { label: 'Configuring', hint: 'Nothing runs on a schedule until you activate it. Test syncs and manual runs work.' },
  active: { label: 'Active', hint: 'Schedules and polls are running.' },
  paused: { label: 'Paused', hint: 'Schedules and polls are stopped. Test syncs and manual runs work.' },
} as const;

/** The installation's lifecycle state and the one button that moves it on (Activate… or Pause), for a role that may. */
export function LifecycleControls(props: { installation: InstallationRecord; onChanged(r: InstallationRecord): void; onAttention?(key: string | null): void }) {
  const client = useClient();
  const action = useAction();
  const [dialog, setDialog] = useState(false);
  const [started, setStarted] = useState<number | null>(null);
  const can = useCan();
  const inst = props.installation;
  if (inst.status !== 'installed') return null;
  const state = words[inst.lifecycle];
  return (
    <>
      <span className={`status-pill lifecycle-pill lifecycle-${inst.lifecycle}`} data-testid="installation-lifecycle" title={state.hint}>{state.label}</span>
      <span className="muted lifecycle-hint" data-testid="installation-lifecycle-hint">{state.hint}</span>
      {!can(inst.lifecycle === 'active' ? 'installations.pause' : 'installations.activate') ? null : inst.lifecycle === 'active' ? (
        <button type="button" data-testid="pause" disabled={action.busy}
          onClick={() => void action.run(() => client.call('installations.pause', { id: inst.id })).then((r) => r && props.onChanged(r))}>
          Pause
        </button>
      ) : (
        <button type="button" className="primary" data-testid="activate" onClick={() => setDialog(true)}>
          {inst.lifecycle === 'paused' ? 'Resume…' : 'Activate…'}
        </button>
      )}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      {started !== null ? <span className="badge badge-ok" role="status" data-testid="activate-done">Activated{started > 0 ? ` · ${started} run${started === 1 ? '' : 's'} started` : ''}</span> : null}
      {dialog ? (
        <ActivateDialog installation={inst} onClose={() => setDialog(false)} onAttention={props.onAttention}
          onActivated={(r, n) => {
            setDialog(false);
            setStarted(n);
            props.onChanged(r);
          }} />
      ) : null}
    </>
  );
}
