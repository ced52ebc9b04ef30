import type { MethodResult } from '../../../engine/api';
import { formatWhen } from './format';
import '../settings/settings.css';

export type Publications = MethodResult<'publications.list'>;

/**
 * Where an installation runs, under its status: on a desktop, the servers it was published to; on
 * a server, the desktop it came from, and that it runs on this server once activated here.
 */
export function PublicationNote({ installationId, lifecycle, publications }: { installationId: string; lifecycle: string; publications: Publications | null }) {
  if (!publications) return null;
  const sent = publications.sent.filter((p) => p.installationId === installationId);
  const received = publications.received.find((p) => p.installationId === installationId);
  return (
    <>
      {sent.map((p) => (
        <span key={p.serverId} className="publication-note muted" data-testid="published-to">Published to {p.serverName} {formatWhen(p.publishedAt)}</span>
      ))}
      {received ? (
        <span className="publication-note muted" data-testid="published-from">
          Published from {received.publishedBy} {formatWhen(received.publishedAt)}; runs on this server
          {lifecycle === 'configuring' ? ' once activated here (nothing runs until then)' : ''}
        </span>
      ) : null}
    </>
  );
}
