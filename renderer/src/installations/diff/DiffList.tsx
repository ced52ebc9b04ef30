import type { Block } from '../../../../engine/api';
import type { WorkflowDiff } from '../../../../engine/model/diff-schema';
import { blockMeta } from '../../catalog/blocks';
import { BlockChangeItem } from './BlockChangeItem';
import { edgeText, fieldText, plural } from './describe';
import '../installations.css';

function BlockLine({ block, op, onSelect }: { block: Block; op: 'added' | 'removed'; onSelect?(id: string): void }) {
  const title = block.name || blockMeta(block.kind).title;
  return (
    <li className={`diff-block diff-${op}`} data-testid={`diff-block-${op}-${block.id}`}>
      <div className="diff-block-head">
        <span className="diff-op">{op === 'added' ? '+' : '−'}</span>
        {onSelect && op === 'added' ? <button type="button" className="link-button" onClick={() => onSelect(block.id)}>{title}</button> : <b>{title}</b>}
        {block.name ? <span className="muted">{blockMeta(block.kind).title}</span> : null}
        <span className="diff-tag">{op === 'added' ? 'added' : 'removed'}</span>
      </div>
    </li>
  );
}

/**
 * A structural diff as a list a person can read: blocks added, removed and changed (config
 * fields old → new, mapping rules by id and target), then edges. `names` labels edge ends.
 */
export function DiffList(props: { diff: WorkflowDiff; names?: ReadonlyMap<string, string>; onSelectBlock?(id: string): void }) {
  const { diff } = props;
  const names = new Map(props.names ?? []);
  for (const b of [...diff.blocks.added, ...diff.blocks.removed]) if (!names.has(b.id)) names.set(b.id, b.name || b.id);
  for (const b of diff.blocks.changed) if (!names.has(b.id)) names.set(b.id, b.name || b.id);
  const s = diff.summary;
  if (s.identical) return <p className="empty-note" data-testid="diff-identical">No differences.</p>;
  const edgeCount = diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length;
  return (
    <div className="diff-list" data-testid="diff-list">
      <p className="diff-summary" data-testid="diff-summary">
        {[
          s.blocksAdded ? `${plural(s.blocksAdded, 'block')} added` : null,
          s.blocksRemoved ? `${plural(s.blocksRemoved, 'block')} removed` : null,
          s.blocksChanged ? `${plural(s.blocksChanged, 'block')} changed` : null,
          edgeCount ? plural(edgeCount, 'edge change') : null,
          s.rulesAdded + s.rulesRemoved + s.rulesChanged ? plural(s.rulesAdded + s.rulesRemoved + s.rulesChanged, 'mapping rule change') : null,
        ].filter(Boolean).join(' · ') || 'Document fields changed'}
      </p>
      <ul className="diff-items">
        {diff.name ? <li data-testid="diff-name">Name “{diff.name.old}” → “{diff.name.new}”</li> : null}
        {diff.notes ? <li data-testid="diff-notes">Notes changed</li> : null}
        {diff.blocks.added.map((b) => <BlockLine key={`a:${b.id}`} block={b} op="added" onSelect={props.onSelectBlock} />)}
        {diff.blocks.removed.map((b) => <BlockLine key={`r:${b.id}`} block={b} op="removed" />)}
        {diff.blocks.changed.map((c) => <BlockChangeItem key={`c:${c.id}`} change={c} onSelect={props.onSelectBlock} />)}
      </ul>
      {edgeCount > 0 ? (
        <>
          <div className="diff-section-title">Edges</div>
          <ul className="diff-items">
            {diff.edges.added.map((e) => <li key={`a:${e.id}`} className="diff-added" data-testid={`diff-edge-added-${e.id}`}>+ {edgeText(e, names)}</li>)}
            {diff.edges.removed.map((e) => <li key={`r:${e.id}`} className="diff-removed" data-testid={`diff-edge-removed-${e.id}`}>− {edgeText(e, names)}</li>)}
            {diff.edges.changed.map((e) => (
              <li key={`c:${e.id}`} data-testid={`diff-edge-changed-${e.id}`}>~ {edgeText(e.old, names)} ⇒ {edgeText(e.new, names)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.other.length > 0 ? (
        <ul className="diff-items">
          {diff.other.map((c) => {
            const t = fieldText(c);
            return <li key={c.pointer}><b>{t.field}</b> <span className="mono">{t.change}</span></li>;
          })}
        </ul>
      ) : null}
    </div>
  );
}
