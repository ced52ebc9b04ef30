import { describe, expect, it } from 'vitest';
import { jsonTooDeepMessage, MAX_JSON_DEPTH } from '../../../engine/shared/json-depth';
import { MAX_REQUEST_BYTES } from '../../../engine/shared/request-size';
import { looseJson } from '../mapper/rules';
import { parsePasted, refusedJson } from './pasted';

const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('pasted JSON', () => {
  it('takes JSON nested as deep as the engine takes, and refuses one level more with the engine\'s message', () => {
    expect(parsePasted(nested(MAX_JSON_DEPTH), 'The sample').ok).toBe(true);
    const deep = parsePasted(nested(MAX_JSON_DEPTH + 1), 'The sample');
    expect(deep).toMatchObject({ ok: false, code: 'json_too_deep', message: jsonTooDeepMessage('The sample') });
    // Thousands of levels: a message, not "Maximum call stack size exceeded".
    expect(parsePasted(nested(100_000), 'The sample')).toMatchObject({ ok: false, code: 'json_too_deep' });
  });

  it('refuses a paste larger than a request may be before parsing it', () => {
    const huge = `[${'"xxxxxxxxxx",'.repeat(Math.ceil(MAX_REQUEST_BYTES / 13))}"x"]`;
    const r = parsePasted(huge, 'The input');
    expect(r).toMatchObject({ ok: false, code: 'payload_too_large' });
    expect(r.ok ? '' : r.message).toMatch(/^The input is 10\.\d MB; Patchbay takes at most 10\.0 MB at once/);
  });

  it('says what is wrong with text that is not JSON, and lets loose cells keep it as text', () => {
    expect(parsePasted('{"a": ', 'The input')).toMatchObject({ ok: false, code: 'invalid_json', message: expect.stringMatching(/^The input is not valid JSON: /) });
    expect(refusedJson('Acme Corp', 'The value')).toBeNull();
    expect(refusedJson(nested(300), 'The default')).toBe(jsonTooDeepMessage('The default'));
    // A constant or default cell never takes a value the engine would refuse: it stays text.
    expect(looseJson('{"a": [1]}')).toEqual({ a: [1] });
    expect(looseJson(nested(300))).toBe(nested(300));
  });
});
