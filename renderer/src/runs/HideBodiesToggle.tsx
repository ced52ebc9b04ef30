import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';

type Connection = MethodResult<'connections.get'>;

/**
 * Shown under a step that used a connection: keeps that connection's response bodies out of the
 * run journal from the next step on (a server may echo credentials in forms redaction cannot
 * recognise). Later blocks of a run still get the whole response.
 */
export function HideBodiesToggle(props: { connection: Connection; onChange(updated: Connection): void; testId: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { connection } = props;
  const toggle = (hide: boolean): void => {
    setBusy(true);
    setError(null);
    client
      .call('connections.hideResponseBodies', { id: connection.id, hide })
      .then((updated) => props.onChange(updated))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="step-hide-bodies">
      <label className="inline-check">
        <input type="checkbox" data-testid={props.testId} checked={connection.hideResponseBodies} disabled={busy} onChange={(e) => toggle(e.target.checked)} />
        Hide response bodies of “{connection.name}” in run history (applies to steps that run from now on)
      </label>
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}
