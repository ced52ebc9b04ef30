// The Patchbay release this engine is (package.json's "version"; version.test.ts keeps them
// equal). Queue jobs carry it, so a worker older than the server that enqueued a run refuses it.
export const PATCHBAY_VERSION = '0.1.0';
