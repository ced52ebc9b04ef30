import { useState } from 'react';
import type { Part } from './useMapperData';

// Where sample records come from, and which one is shown: one click fetches a few records from
// the installation's source connection; the last run's input or a pasted sample also work.

export function SampleBar(props: {
  source: string | null;
  fetching: Part<{ from: string }>;
  onFetch(): void;
  lastSample: { value: unknown; from: string } | null;
  onUseLast(): void;
  record: number;
  count: number;
  onRecord(i: number): void;
  sampleError: string | null;
  previewError: string | null;
  onPaste(text: string): void;
}) {
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  return (
    <div className="sample-bar" data-testid="sample-bar">
      <button type="button" className="small primary" data-testid="fetch-samples" disabled={!props.source || props.fetching.loading} onClick={props.onFetch}
        title={props.source ? `Fetch 5 records from ${props.source}` : 'Connect a NetSuite account to the installation first.'}>
        {props.fetching.loading ? 'Fetching…' : props.source ? `Fetch samples from ${props.source}` : 'No source connection'}
      </button>
      {props.lastSample ? <button type="button" className="small" data-testid="use-last-sample" title={`Use the ${props.lastSample.from}`} onClick={props.onUseLast}>Use last run</button> : null}
      <button type="button" className="small" data-testid="paste-sample" onClick={() => setPasting((p) => !p)}>Paste…</button>
      {props.count > 0 ? (
        <span className="record-picker">
          <button type="button" className="small" aria-label="Previous record" disabled={props.record === 0} onClick={() => props.onRecord(props.record - 1)}>‹</button>
          <span data-testid="record-index">Record {props.record + 1} of {props.count}</span>
          <button type="button" className="small" aria-label="Next record" disabled={props.record >= props.count - 1} onClick={() => props.onRecord(props.record + 1)}>›</button>
        </span>
      ) : null}
      {props.fetching.error ? <span className="field-error" role="alert" data-testid="fetch-error">{props.fetching.error}</span> : null}
      {props.sampleError ? <span className="field-error" role="alert" data-testid="sample-error">{props.sampleError}</span> : null}
      {props.previewError ? <span className="field-error" role="alert">{props.previewError}</span> : null}
      {pasting ? (
        <div className="sample-paste">
          <textarea className="mono" rows={4} aria-label="Paste sample JSON" data-testid="paste-sample-text" value={text} placeholder="A record, or a list of records, as JSON"
            onChange={(e) => setText(e.target.value)} />
          <button type="button" className="small" data-testid="paste-sample-use" onClick={() => {
            props.onPaste(text);
            setPasting(false);
          }}>Use</button>
        </div>
      ) : null}
    </div>
  );
}
