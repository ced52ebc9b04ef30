// Rule ids key the diff and the rebase of a mapping, so two people adding rules independently (the
// vendor in base, an analyst in a customer's version) must never produce the same id: ids are
// generated, with the target's name in front only to make diffs and conflict lists readable.

function randomPart(): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  return uuid ? uuid.replace(/-/g, '').slice(0, 10) : Math.random().toString(36).slice(2, 12).padEnd(10, '0');
}

/** A new, unique rule id such as `vendor_email_3f9c0a1b2d` (or `rule_…` without a target). */
export function generateRuleId(target = ''): string {
  const slug = target.replace(/\[\*\]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `${slug || 'rule'}_${randomPart()}`;
}
