import { useState } from 'react';
import { openFile } from '../client/files';
import { bytesToBase64 } from './base64';
import { ExportBundleDialog } from './ExportBundleDialog';
import { ImportBundleDialog } from './ImportBundleDialog';
import './bundles.css';

/** Export and import of workflow bundles, from the Integrations page. */
export function BundlesCard(props: { onImported(): void }) {
  const [exporting, setExporting] = useState(false);
  const [chosen, setChosen] = useState<{ name: string; base64: string } | null>(null);

  const pick = () => {
    void openFile('.patchbay,.zip').then((file) => file && setChosen({ name: file.name, base64: bytesToBase64(file.bytes) }));
  };

  return (
    <section className="card create-card" aria-label="Bundles" data-testid="bundles-card">
      <h2>Bundles</h2>
      <div className="template-row">
        <div className="row-sub">Move integrations between machines or keep them in git: releases and user-specific versions travel, credentials never do.</div>
        <div className="card-actions">
          <button type="button" data-testid="export-bundle" onClick={() => setExporting(true)}>Export bundle…</button>
          <button type="button" data-testid="import-bundle" onClick={pick}>Import bundle…</button>
        </div>
      </div>
      {exporting ? <ExportBundleDialog onClose={() => setExporting(false)} /> : null}
      {chosen ? <ImportBundleDialog fileName={chosen.name} base64={chosen.base64} onClose={() => setChosen(null)} onImported={props.onImported} /> : null}
    </section>
  );
}
