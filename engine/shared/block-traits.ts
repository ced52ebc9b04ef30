// Control-flow traits of a block kind. The run loop, the planner, validation and the canvas ask
// these instead of naming kinds, so a new kind with the same behaviour needs no edits elsewhere.
// Pure: shared by the engine and the renderer.

export interface BlockTraits {
  /** Starts the workflow: takes the run's input as its output, has no input handle. */
  readonly trigger: boolean;
  /** Runs the blocks on its `each` port once per element of its output, then continues on `done`. */
  readonly container: boolean;
  /** Ends the run when it executes (its `out` port only keeps later blocks wired while it holds). */
  readonly terminal: boolean;
  /** Maps records with rules: inline in `config.rules`, or a shared mapping named by `config.mapping`
   * that runs, upgrades and golden-record checks bind and compare. */
  readonly mapsFields: boolean;
}

export const NO_TRAITS: BlockTraits = { trigger: false, container: false, terminal: false, mapsFields: false };

/** The port a container's body hangs from, and the one the run continues on afterwards. */
export const CONTAINER_BODY_PORT = 'each';
export const CONTAINER_DONE_PORT = 'done';

/** Whether a block of these traits has an input handle on the canvas. */
export function acceptsInput(traits: BlockTraits): boolean {
  return !traits.trigger;
}
