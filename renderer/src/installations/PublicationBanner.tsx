import { useClient } from '../client/context';
import { formatWhen } from './format';
import type { Publications } from './PublicationNote';
import { useAction } from './useLoad';

/**
 * Where this installation runs and where it is changed. On a desktop that published it: it runs on
 * the server, so activation and live runs are refused here until it is taken back (the server is
 * not told). On the server: the desktop that published it manages its releases, user-specific
 * versions, customer mappings, settings and connections, so changing them is refused here.
 */
export function PublicationBanner({ installationId, publications, onChanged }: { installationId: string; publications: Publications | null; onChanged(): void }) {
  const client = useClient();
  const action = useAction();
  if (!publications) return null;
  const sent = publications.sent.filter((p) => p.installationId === installationId);
  const received = publications.received.find((p) => p.installationId === installationId);
  const takeBack = async () => {
    if (await action.run(() => client.call('publications.takeBack', { installationId }))) onChanged();
  };
  return (
    <>
      {sent.length > 0 ? (
        <div className="banner banner-info" role="status" data-testid="published-here">
          Published to {sent.map((p) => `${p.serverName} ${formatWhen(p.publishedAt)}`).join(', ')}: it runs there, so it is not activated or run live on this desktop.
          Customise and test it here, then publish again. To run it here instead, pause it on the server, then{' '}
          <button type="button" className="small" data-testid="take-back" disabled={action.busy} onClick={() => void takeBack()}>Take back</button>
          {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
        </div>
      ) : null}
      {received ? (
        <div className="banner banner-info" role="status" data-testid="managed-by-desktop">
          Published from {received.publishedBy} {formatWhen(received.publishedAt)}. Its releases, user-specific versions, customer mappings, settings and connections are managed on that desktop:
          change them there and publish again. Activation, pause and runs are here.
        </div>
      ) : null}
    </>
  );
}
