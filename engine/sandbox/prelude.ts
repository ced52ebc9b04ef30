import { MAX_CONSOLE_LINE_CHARS, MAX_CONSOLE_LINES, MAX_CONSOLE_TOTAL_CHARS, MAX_SHOWN_TEXT_CHARS, MIN_MEMORY_MB } from './limits';
import { MEMORY_GUARDS_SOURCE } from './prelude-memory';

/** The script name of the prelude in stack frames, so its frames are never shown as user lines. */
export const PRELUDE_SCRIPT_NAME = 'patchbay-prelude.js';
/** First character of an entry result that is an error report rather than output JSON text. */
export const ERROR_MARK = '\u0001';

/**
 * The script that runs first in every fresh context. Its completion value is the `entry`
 * function the host calls; nothing of it stays on the global object, and no host object ever
 * reaches user code: input arrives as JSON text and is parsed here, output leaves as JSON text
 * produced and size-checked here, and console lines leave as strings through a host callback the
 * closure keeps to itself.
 *
 * entry(op, factory, log, ctxJson, payload, index, maxChars):
 *   op 'load'  — evaluate the module (top level), find its `run` export, return its source text;
 *   op 'run'   — load if needed, call run(JSON.parse(payload), ctx);
 *   op 'batch' — load if needed, call run(record, ctx, index + i) for each record of the chunk.
 * It returns output JSON text (or a promise of it), or ERROR_MARK + JSON `{ code, message, stack }`.
 */
export const PRELUDE_SOURCE = String.raw`(function () {
'use strict';
const parse = JSON.parse;
const stringify = JSON.stringify;
const freeze = Object.freeze;
const keys = Object.keys;
const symbolsOf = Object.getOwnPropertySymbols;
const isArray = Array.isArray;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);
const protoOf = Object.getPrototypeOf;
const ObjectProto = Object.prototype;
const StringOf = String;
const SetOf = Set;
const sourceOf = Function.prototype.call.bind(Function.prototype.toString);
const MAX_LINES = ${MAX_CONSOLE_LINES};
const MAX_LINE_CHARS = ${MAX_CONSOLE_LINE_CHARS};
const MAX_TOTAL_CHARS = ${MAX_CONSOLE_TOTAL_CHARS};
const MAX_SHOWN = ${MAX_SHOWN_TEXT_CHARS};
const MB = 1048576;
${MEMORY_GUARDS_SOURCE}
/** Characters of text the isolate's memory limit can hold; set from ctx.limits when the module loads. */
let budgetChars = ${MIN_MEMORY_MB} * MB;

let sendLog = null;
let lineCount = 0;
let charCount = 0;
let truncated = false;

function show(v) {
  if (typeof v === 'string') return v.length > MAX_SHOWN ? '[a string of ' + v.length + ' characters, too long to show]' : v;
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return '[Function ' + (v.name || 'anonymous') + ']';
  if (typeof v === 'symbol' || typeof v === 'bigint') return v.toString() + (typeof v === 'bigint' ? 'n' : '');
  if (v instanceof Error) return describeError(v);
  if (textSize(v, MAX_SHOWN) > MAX_SHOWN) return '[' + tagOf(v).slice(8, -1) + ' too large to show]';
  try {
    const text = stringify(v);
    return text === undefined ? StringOf(v) : text;
  } catch (e) {
    return tagOf(v);
  }
}

function emit(level, args) {
  if (sendLog === null) return;
  if (lineCount >= MAX_LINES || charCount >= MAX_TOTAL_CHARS) {
    if (!truncated) {
      truncated = true;
      sendLog('warn', '[console output truncated: at most ' + MAX_LINES + ' lines and ' + MAX_TOTAL_CHARS + ' characters are kept]');
    }
    return;
  }
  let text = '';
  for (let i = 0; i < args.length; i++) {
    let part;
    try { part = show(args[i]); } catch (e) { part = '[unprintable]'; }
    text += (i === 0 ? '' : ' ') + part;
    if (text.length > MAX_LINE_CHARS) break;
  }
  if (text.length > MAX_LINE_CHARS) text = text.slice(0, MAX_LINE_CHARS) + '…';
  lineCount++;
  charCount += text.length;
  sendLog(level, text);
}

/** An error's stack, unless its message is so long that formatting it would copy it whole. */
function describeError(e) {
  const m = e.message;
  if (typeof m === 'string' && m.length > MAX_SHOWN) return StringOf(e.name) + ': [a message of ' + m.length + ' characters, too long to show]';
  return e.stack || (e.name + ': ' + m);
}

function logger(level) {
  return function () { emit(level, arguments); };
}
globalThis.console = freeze({
  log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug'),
});

function deepFreeze(v) {
  if (v !== null && typeof v === 'object') {
    const ks = keys(v);
    for (let i = 0; i < ks.length; i++) deepFreeze(v[ks[i]]);
    freeze(v);
  }
  return v;
}

// Failures the prelude raises itself. User code never sees this class, so it cannot forge one.
class Failure {
  constructor(code, message) { this.code = code; this.message = message; }
}
function fail(code, message) {
  return new Failure(code, message);
}

function requireStub(name) {
  throw new Error('require("' + StringOf(name) + '") is not available in Custom Code: there are no modules, files or network here. Pass data in through the input.');
}

function pickRun(mod, local) {
  const ex = mod.exports;
  if (typeof ex === 'function') return ex;
  if (ex !== null && typeof ex === 'object') {
    if ('run' in ex) {
      if (typeof ex.run === 'function') return ex.run;
      throw fail('code_not_a_function', 'The export "run" is a ' + (ex.run === null ? 'null' : typeof ex.run) + ', not a function; export a function run(input, ctx).');
    }
    if ('default' in ex) {
      const d = ex.default;
      if (typeof d === 'function') return d;
      if (d !== null && typeof d === 'object' && typeof d.run === 'function') return d.run;
      throw fail('code_not_a_function', 'The default export is not a function; export a function run(input, ctx).');
    }
  } else if (ex !== undefined) {
    throw fail('code_not_a_function', 'module.exports is a ' + (ex === null ? 'null' : typeof ex) + ', not a function; export a function run(input, ctx).');
  }
  if (typeof local === 'function') return local;
  throw fail('code_no_export', 'The code exports no function; write export function run(input, ctx) { ... }.');
}

const ALLOWED_TAGS = { '[object Object]': 1, '[object Array]': 1, '[object Date]': 1, '[object String]': 1, '[object Number]': 1, '[object Boolean]': 1 };

function invalid(path, what) {
  throw fail('code_invalid_output', 'The returned value has ' + what + ' at ' + path + '; return plain JSON data (objects, arrays, strings, numbers, booleans, null).');
}

// The walk every output takes: no path strings (building one per value cost more than the user's
// function in batch mode), and plain objects are told by their prototype before their tag.
// Returns the characters of text met (as textSize), or -1 at the first thing check() refuses.
function measure(root) {
  const seen = new SetOf();
  const stack = [root];
  let size = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    const t = typeof v;
    if (t === 'string') { size += v.length + 1; continue; }
    size += 1;
    if (t !== 'object') {
      if (t === 'function' || t === 'symbol' || t === 'bigint') return -1;
      continue;
    }
    if (v === null || seen.has(v)) continue;
    seen.add(v);
    if (symbolsOf(v).length > 0) return -1;
    if (isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
      continue;
    }
    const proto = protoOf(v);
    if (proto !== ObjectProto && proto !== null && ALLOWED_TAGS[tagOf(v)] !== 1) return -1;
    const ks = keys(v);
    for (let i = 0; i < ks.length; i++) { size += ks[i].length; stack.push(v[ks[i]]); }
  }
  return size;
}

// JSON.stringify would silently drop functions and symbols; refuse them instead, naming the path
// (only once measure() found something to refuse).
// Getters are evaluated here, inside the isolate, so only their values leave. Cycles and depth
// are caught by stringify below. Returns the characters of text met on the way (as textSize).
function check(root, rootPath) {
  const seen = new SetOf();
  const stack = [root, rootPath];
  let size = 0;
  while (stack.length > 0) {
    const path = stack.pop();
    const v = stack.pop();
    const t = typeof v;
    size += t === 'string' ? v.length + 1 : 1;
    if (t === 'function') invalid(path, 'a function');
    if (t === 'symbol') invalid(path, 'a symbol');
    if (t === 'bigint') invalid(path, 'a BigInt (convert it to a string or number)');
    if (t !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const tag = tagOf(v);
    if (ALLOWED_TAGS[tag] !== 1) invalid(path, 'an object of kind ' + tag.slice(8, -1) + ' (convert it to plain objects and arrays)');
    if (symbolsOf(v).length > 0) invalid(path, 'a symbol-keyed property');
    if (isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) { stack.push(v[i], path + '[' + i + ']'); }
    } else {
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) { const k = ks[i]; size += k.length; stack.push(v[k], path + '.' + k); }
    }
  }
  return size;
}

function toText(value, maxChars) {
  // Counted before stringify: a rope returned whole would otherwise be copied into one string
  // larger than the limit (twice: flattened, then quoted) before the isolate could be stopped.
  let size = measure(value);
  if (size < 0) size = check(value, 'output');
  if (size > budgetChars) throw fail('code_memory_limit', 'The returned value holds more than ' + (budgetChars / MB) + ' MB of text, over the memory limit; return fewer or smaller records, or raise memoryMb.');
  if (size > maxChars) throw fail('code_output_too_large', 'The returned value is over the limit of ' + maxChars + ' characters of JSON; return fewer or smaller records.');
  let text;
  try {
    text = stringify(value === undefined ? null : value);
  } catch (e) {
    if (e instanceof TypeError && /circular/i.test(e.message)) throw fail('code_invalid_output', 'The returned value contains a cycle (an object that contains itself); return plain tree-shaped data.');
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw fail('code_invalid_output', 'The returned value is nested too deeply to turn into JSON.');
    if (e instanceof RangeError && /string length/i.test(e.message)) throw fail('code_output_too_large', 'The returned value is too large to turn into JSON.');
    throw e;
  }
  if (text === undefined) text = 'null';
  if (text.length > maxChars) throw fail('code_output_too_large', 'The returned value is ' + text.length + ' characters of JSON, over the limit of ' + maxChars + '; return fewer or smaller records.');
  return text;
}

function isThenable(r) {
  return r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function';
}

let run = null;
let ctx = null;
/** Index of the batch record being processed, so an error can name it; -1 outside batches. */
let current = -1;

function load(factory, log, ctxJson) {
  if (run !== null) return;
  sendLog = log;
  ctx = parse(ctxJson);
  if (ctx.limits && typeof ctx.limits.memoryMb === 'number') budgetChars = ctx.limits.memoryMb * MB;
  ctx.log = logger('log');
  deepFreeze(ctx);
  const mod = { exports: {} };
  const local = factory.call(undefined, mod, mod.exports, requireStub);
  run = pickRun(mod, local);
}

function report(e) {
  if (e instanceof Failure) {
    return '\u0001' + stringify({ code: e.code, message: e.message, stack: null });
  }
  let message = 'The code threw a value that is not an Error';
  let stack = null;
  try {
    if (e instanceof Error) {
      message = StringOf(e.message);
      if (message.length > MAX_SHOWN) message = 'The code threw an error whose message is ' + message.length + ' characters long (not shown).';
      else stack = StringOf(e.stack);
    } else {
      const text = StringOf(e);
      message = text.length > MAX_SHOWN ? 'The code threw a string of ' + text.length + ' characters (not shown).' : 'The code threw: ' + text;
    }
  } catch (ignored) { /* a hostile toString: keep the generic message */ }
  return '\u0001' + stringify({ code: 'code_runtime_error', message: message, stack: stack, record: current });
}

// Only code that returned a promise pays for async; a real promise goes back to the host
// whatever kind of thenable the user returned.
async function settleOne(r, maxChars) {
  try { return toText(await r, maxChars); } catch (e) { return report(e); }
}

async function settleBatch(first, records, out, index, maxChars) {
  try {
    current = index + first;
    out[first] = await out[first];
    for (let i = first + 1; i < records.length; i++) {
      current = index + i;
      let r = run(records[i], ctx, index + i);
      if (isThenable(r)) r = await r;
      out[i] = r;
    }
    current = -1;
    return toText(out, maxChars);
  } catch (e) {
    return report(e);
  }
}

function entry(op, factory, log, ctxJson, payload, index, maxChars) {
  try {
    load(factory, log, ctxJson);
    // The function's source lets the host send only the input fields it reads (projection/).
    if (op === 'load') {
      // Only a source small enough to be analysed crosses back (see MAX_ANALYZED_SOURCE).
      const source = sourceOf(run);
      return stringify(source.length > 65536 ? null : source);
    }
    if (op === 'run') {
      const r = run(parse(payload), ctx);
      if (isThenable(r)) return settleOne(r, maxChars);
      return toText(r, maxChars);
    }
    const records = parse(payload);
    const out = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      current = index + i;
      const r = run(records[i], ctx, index + i);
      out[i] = r;
      if (isThenable(r)) return settleBatch(i, records, out, index, maxChars);
    }
    current = -1;
    return toText(out, maxChars);
  } catch (e) {
    return report(e);
  }
}
return entry;
})()`;
