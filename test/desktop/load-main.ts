import Module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DIST = join(here, '..', '..', 'dist');
export const MAIN_BUNDLE = join(DIST, 'electron', 'main.cjs');

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader; _cache: Record<string, unknown> };
let current: FakeElectron | null = null;
let hooked = false;

/**
 * Loads a built main bundle the way Electron would, with `electron` answering only main-process
 * modules. Each call is a fresh app: a new fake and a fresh copy of the bundle.
 */
export function loadMain(setup: (fake: FakeElectron) => void = () => undefined, bundle = MAIN_BUNDLE): FakeElectron {
  if (!hooked) {
    const original = moduleInternals._load;
    moduleInternals._load = function (request, parent, isMain) {
      if (request === 'electron') {
        if (!current) throw new Error('electron required outside loadMain');
        return current.module;
      }
      return original.call(this, request, parent, isMain);
    };
    hooked = true;
  }
  const fake = createFakeElectron();
  setup(fake);
  current = fake;
  delete moduleInternals._cache[bundle];
  Module.createRequire(import.meta.url)(bundle);
  return fake;
}
