import type { RecordRegression, RegressionReport, RegressionStatus } from '../../../../engine/api/methods/golden';

// What replaying a customer's golden records through another version would change in their
// output, record by record and field by field. "Cannot compare" always shows its reason: it is
// never a pass.

export const regressionLabel: Readonly<Record<RegressionStatus | 'no_golden_records', string>> = {
  unchanged: 'Unchanged output',
  changed: 'Changed output',
  cannot_compare: 'Cannot compare',
  failed: 'Replay failed',
  no_golden_records: 'No golden records',
};

function RecordView({ record }: { record: RecordRegression }) {
  return (
    <li className={`regression-record regression-${record.status}`} data-testid={`regression-record-${record.key}`}>
      <span className={`outcome outcome-${record.status}`}>{record.key}: {regressionLabel[record.status]}</span>
      {record.reason ? <div className="muted" data-testid="regression-reason">{record.reason}</div> : null}
      {record.changes.length > 0 ? (
        <ul className="regression-changes">
          {record.changes.map((c, i) => (
            <li key={i} className="mono" data-testid="regression-change" title={c.blockName}>{c.text}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function RegressionView({ report }: { report: RegressionReport }) {
  return (
    <div className="regression-report" data-testid="regression-report">
      <div>
        <span className={`outcome outcome-${report.status}`} data-testid="regression-status">{regressionLabel[report.status]}</span>
        <span className="muted"> · golden records replayed through {report.version}{report.conflicts > 0 ? ` (merge as it stands, ${report.conflicts} conflict(s) open)` : ''}</span>
      </div>
      {report.sets.map((set) => (
        <div key={set.goldenSetId} className="regression-set" data-testid={`regression-set-${set.goldenSetId}`}>
          <b>{set.name}</b> <span className="muted">({set.workflowName})</span>
          {set.reason ? <div className="banner banner-warn" role="status" data-testid="regression-reason">Cannot compare: {set.reason}</div> : null}
          <ul className="regression-records">{set.records.map((r) => <RecordView key={r.key} record={r} />)}</ul>
        </div>
      ))}
    </div>
  );
}
