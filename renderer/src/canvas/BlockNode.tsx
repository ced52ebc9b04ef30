import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Block, Port, StepStatus } from '../../../engine/api';
import { blockMeta } from '../catalog/blocks';
import type { BlockDiffStatus } from './highlights';

export interface BlockNodeData extends Record<string, unknown> {
  readonly block: Block;
  readonly status: StepStatus | null;
  readonly issues: readonly string[];
  /** Set while a diff is shown: how this block differs from the compared version. */
  readonly diff: BlockDiffStatus | null;
  /** A removed block drawn for reference; it is not part of the document. */
  readonly ghost: boolean;
  /** Output handles: the kind's ports, plus any port an edge leaves from (so no saved edge is hidden). */
  readonly ports: readonly Port[];
}

export type BlockNodeType = Node<BlockNodeData, 'block'>;

const statusLabel: Record<StepStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** A block on the canvas: one input handle on the left, one output handle per port on the right. */
function BlockNodeView({ data, selected }: NodeProps<BlockNodeType>) {
  const { block, status, issues, diff, ghost, ports } = data;
  const meta = blockMeta(block.kind);
  const classes = ['block-node', meta.known ? `kind-${meta.category}` : 'kind-unknown'];
  if (selected) classes.push('selected');
  if (status) classes.push(`status-${status}`);
  if (issues.length > 0) classes.push('has-issues');
  if (diff) classes.push(`diff-${diff}`);
  if (ghost) classes.push('ghost');
  return (
    <div className={classes.join(' ')} data-testid={ghost ? `ghost-${block.id}` : `node-${block.id}`} data-status={status ?? undefined}
      data-diff={diff ?? undefined}>
      {diff && diff !== 'moved' ? <span className="diff-badge">{diff}</span> : null}
      {meta.hasInput && !ghost ? <Handle type="target" position={Position.Left} id="in" data-testid={`handle-${block.id}-in`} /> : null}
      <div className="block-node-head">
        <span className="block-glyph" aria-hidden="true">{meta.glyph}</span>
        <span className="block-kind">{meta.title}</span>
        {issues.length > 0 ? (
          <span className="block-issues" data-testid={`node-issues-${block.id}`} title={issues.join('\n')}>
            {issues.length}
          </span>
        ) : null}
      </div>
      <div className="block-node-name">{block.name || meta.title}</div>
      <div className="block-node-foot">
        <code className="block-id">{block.id}</code>
        {status ? <span className={`status-pill status-${status}`} data-testid={`node-status-${block.id}`}>{statusLabel[status]}</span> : null}
      </div>
      {ghost ? null : ports.map((port, i) => {
        const top = `${((i + 1) / (ports.length + 1)) * 100}%`;
        return (
          <div key={port}>
            <Handle type="source" position={Position.Right} id={port} style={{ top }} data-testid={`handle-${block.id}-${port}`} />
            {port !== 'out' ? <span className={`port-label port-${port}`} style={{ top }}>{port}</span> : null}
          </div>
        );
      })}
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
