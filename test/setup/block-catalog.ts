import type { TestProject } from 'vitest/node';
import type { BlockCatalogEntry } from '../../engine/api';
import { connectorKinds } from '../../engine/connectors/registry';
import { blockCatalogEntries } from '../../engine/runtime/blocks/catalog';

declare module 'vitest' {
  export interface ProvidedContext {
    blockCatalog: BlockCatalogEntry[];
    connectionKinds: ReturnType<typeof connectorKinds>;
  }
}

// Renderer tests draw blocks from the engine's real catalog (what `blocks.catalog` serves in the
// app), never from a hand-written copy. Computed once in Node and handed to every test file;
// renderer/src/catalog/testing.ts installs it.
export default function setup(project: TestProject): void {
  project.provide('blockCatalog', blockCatalogEntries());
  project.provide('connectionKinds', connectorKinds());
}
