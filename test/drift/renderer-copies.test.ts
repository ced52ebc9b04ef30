import { describe, expect, it } from 'vitest';
import * as engineChain from '../../engine/mapping/chain';
import { DEFAULT_CUSTOM_CODE } from '../../engine/runtime/blocks/custom-code';
import * as rendererChain from '../../renderer/src/mapper/chain';
import { newRuleId } from '../../renderer/src/mapper/rules';
import { generateRuleId } from '../../engine/mapping/rule-id';
import { DEFAULT_TS_CODE } from '../../renderer/src/code/templates';

// The renderer may import only types from the engine, so two small pure pieces are copied into
// it (the transform-chain syntax, checked as the user types, and the default code). These
// checks fail the build the moment a copy drifts from the engine's original.

const chains = ['trim', 'trim | splitName(first)', 'date("MM/DD/YYYY", "YYYY-MM-DD")', 'lookup({"High":"P1","Low":"P3"}, "P2") | upper', 'split(", ", 1)', 'round(2)'];
const badChains = ['trim |', 'lookup({"a": 1', 'split(,)', '| upper'];

describe('renderer copies of engine code', () => {
  it('parses and formats transform chains exactly like the engine', () => {
    for (const text of chains) {
      expect(rendererChain.parseChain(text)).toEqual(engineChain.parseChain(text));
      expect(rendererChain.formatChain(rendererChain.parseChain(text))).toBe(engineChain.formatChain(engineChain.parseChain(text)));
    }
    for (const text of badChains) {
      expect(() => engineChain.parseChain(text)).toThrow();
      expect(() => rendererChain.parseChain(text)).toThrow();
    }
  });

  it('generates rule ids like the engine: from the target, never the same twice', () => {
    const shape = /^vendor_email_[0-9a-f]{10}$/;
    expect(generateRuleId('vendor.email')).toMatch(shape);
    const ids = Array.from({ length: 50 }, () => newRuleId('vendor.email', []));
    for (const id of ids) expect(id).toMatch(shape);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newRuleId('', [])).toMatch(/^rule_[0-9a-f]{10}$/);
  });

  it('starts a Custom Code block with the engine default code', () => {
    expect(DEFAULT_TS_CODE).toBe(DEFAULT_CUSTOM_CODE);
  });
});
