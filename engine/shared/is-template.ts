// Configs are validated as written (templates unresolved) and again once resolved, so a field that
// may hold a `{{ … }}` template accepts one statically; the block re-checks what the template produced.
const templatePattern = /\{\{[\s\S]*\}\}/;

/** Whether a config value is (or contains) a `{{ … }}` template, resolved only when the block runs. */
export const isTemplate = (v: unknown): v is string => typeof v === 'string' && templatePattern.test(v);
