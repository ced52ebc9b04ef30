import { z } from 'zod';
import type { BlockCatalogEntry } from '../../api/methods/blocks';
import { NO_TRAITS, type BlockTraits } from '../../shared/block-traits';
import { blockDefinitions } from './registry';
import type { AnyBlockDefinition } from './types';

// Asked for every block of every loop iteration: built once per definition.
const traitsByDef = new WeakMap<AnyBlockDefinition, BlockTraits>();

/** A definition's traits with every flag present. */
export function traitsOf(def: AnyBlockDefinition | undefined): BlockTraits {
  if (!def) return NO_TRAITS;
  let traits = traitsByDef.get(def);
  if (!traits) traitsByDef.set(def, (traits = { ...NO_TRAITS, ...def.traits }));
  return traits;
}

/** What `blocks.catalog` serves: each definition without its executor. */
export function catalogEntry(def: AnyBlockDefinition): BlockCatalogEntry {
  return {
    kind: def.kind,
    title: def.title,
    category: def.category,
    description: def.description,
    icon: def.icon,
    idPrefix: def.idPrefix,
    ports: [...def.ports],
    defaultConfig: structuredClone({ ...def.defaultConfig }),
    unique: def.unique === true,
    traits: traitsOf(def),
    form: def.form ? [...def.form] : [],
    // Refinements and transforms have no JSON Schema form; the engine still applies them.
    configSchema: z.toJSONSchema(def.configSchema, { io: 'input', unrepresentable: 'any' }),
    rawConfigKeys: [...(def.rawConfigKeys ?? [])],
  };
}

export function blockCatalogEntries(): BlockCatalogEntry[] {
  return blockDefinitions.map(catalogEntry);
}

/** Kinds whose step is never reused on a re-run, because their body runs again. */
export function containerKinds(): string[] {
  return blockDefinitions.filter((d) => traitsOf(d).container).map((d) => d.kind);
}
