import type { DragEvent } from 'react';
import { BLOCK_DRAG_MIME, categoryLabels, paletteBlocks, paletteCategories, type BlockMeta } from '../catalog/blocks';
import { useWorkflow } from '../store/context';

/**
 * Blocks to drag onto the canvas (HTML5 drag and drop; the kind travels in dataTransfer).
 * Enter or double-click adds a block without a mouse drag.
 */
export function Palette(props: { onAdd(kind: string): void }) {
  const kinds = useWorkflow((s) => s.doc.blocks.map((b) => b.kind).join(' '));
  const present = new Set(kinds.split(' '));
  const onDragStart = (e: DragEvent<HTMLElement>, meta: BlockMeta) => {
    e.dataTransfer.setData(BLOCK_DRAG_MIME, meta.kind);
    e.dataTransfer.setData('text/plain', meta.title);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <aside className="palette" data-testid="palette" aria-label="Blocks">
      <div className="panel-title">Blocks</div>
      {paletteCategories.map((cat) => (
        <section key={cat} className="palette-group">
          <div className="palette-group-title">{categoryLabels[cat]}</div>
          {paletteBlocks()
            .filter((m) => m.category === cat)
            .map((m) => {
              const disabled = Boolean(m.unique && present.has(m.kind));
              return (
                <div
                  key={m.kind}
                  role="button"
                  tabIndex={disabled ? -1 : 0}
                  aria-disabled={disabled}
                  className={`palette-item kind-${m.category.toLowerCase()}${disabled ? ' disabled' : ''}`}
                  data-testid={`palette-${m.kind}`}
                  draggable={!disabled}
                  title={disabled ? `${m.title}: a workflow has one; it is already on the canvas.` : m.description}
                  onDragStart={(e) => onDragStart(e, m)}
                  onDoubleClick={() => !disabled && props.onAdd(m.kind)}
                  onKeyDown={(e) => {
                    if (!disabled && (e.key === 'Enter' || e.key === ' ')) {
                      e.preventDefault();
                      props.onAdd(m.kind);
                    }
                  }}
                >
                  <span className="block-glyph" aria-hidden="true">{m.glyph}</span>
                  <span>{m.title}</span>
                </div>
              );
            })}
        </section>
      ))}
    </aside>
  );
}
