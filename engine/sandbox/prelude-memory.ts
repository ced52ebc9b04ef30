/**
 * Part of the prelude (see prelude.ts) that closes the ways a program can take memory the
 * isolate's limit does not see. isolated-vm counts the V8 heap and ArrayBuffers made through its
 * allocator; two kinds of memory bypass that allocator and were measured growing the host to over
 * 1 GB under a 32 MB limit:
 *
 * - WebAssembly.Memory reserves and commits pages itself. Custom Code has no use for WebAssembly,
 *   so the global is replaced by an accessor that explains why, and nothing else leads to it
 *   (no builtin returns a WebAssembly object unless WebAssembly made it).
 * - Resizable ArrayBuffers and growable SharedArrayBuffers (`{ maxByteLength }`) grow the same way.
 *   Both constructors are replaced, on the global and as their prototypes' `constructor` (which is
 *   what `buffer.constructor`, subclasses and `slice`'s species lookup reach), by wrappers that
 *   build a fixed-length buffer; the originals stay only in this closure.
 *
 * A string is on the heap, but a rope (`s += s`) costs almost nothing until something flattens it
 * into one allocation of its full length, which V8 makes before isolated-vm can stop the isolate.
 * `textSize` lets the prelude refuse output, console lines and error messages that would need more
 * text than the limit allows before it turns them into JSON, so the sandbox itself never makes
 * that allocation.
 *
 * Runs inside the isolate's prelude closure, where `fail`, `keys`, `isArray`, `SetOf`, `StringOf`
 * and `budgetChars` are defined.
 */
export const MEMORY_GUARDS_SOURCE = String.raw`
const construct = Reflect.construct;
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;
const setPrototypeOf = Object.setPrototypeOf;

defineProperty(globalThis, 'WebAssembly', {
  configurable: false,
  enumerable: false,
  get() {
    throw new Error('WebAssembly is not available in Custom Code: its memory would be outside the memory limit. Write the logic in JavaScript or TypeScript.');
  },
});

function fixedLength(Original, name) {
  const proto = Original.prototype;
  // The options argument (maxByteLength) is dropped: only fixed-length buffers can be made.
  // Named through a computed key, so V8's own messages still say "ArrayBuffer".
  const Wrapper = { [name]: function (length) {
    if (new.target === undefined) throw new TypeError('Constructor ' + name + " requires 'new'");
    return construct(Original, [length], new.target);
  } }[name];
  defineProperty(Wrapper, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  setPrototypeOf(Wrapper, getPrototypeOf(Original));
  defineProperty(Wrapper, Symbol.species, { configurable: true, get() { return this; } });
  if (typeof Original.isView === 'function') defineProperty(Wrapper, 'isView', { value: Original.isView, writable: true, configurable: true });
  defineProperty(proto, 'constructor', { value: Wrapper, writable: true, configurable: true, enumerable: false });
  defineProperty(globalThis, name, { value: Wrapper, writable: true, configurable: true, enumerable: false });
}
fixedLength(ArrayBuffer, 'ArrayBuffer');
if (typeof SharedArrayBuffer === 'function') fixedLength(SharedArrayBuffer, 'SharedArrayBuffer');

// split('') of a string longer than V8's largest array ends the whole process (V8_Fatal "invalid
// size error", crbug.com/1201626) instead of throwing. Long before that length the array of
// one-character strings could not fit the limit (8 bytes an element), so such a call is refused.
const nativeSplit = String.prototype.split;
const applyOf = Reflect.apply;
const splitSymbol = Symbol.split;
function splitsIntoCharacters(separator) {
  if (separator === '') return true;
  if (separator === null || separator === undefined || typeof separator[splitSymbol] === 'function') return false;
  return StringOf(separator) === '';
}
defineProperty(String.prototype, 'split', {
  configurable: true,
  enumerable: false,
  writable: true,
  value: { split: function (separator, limit) {
    const length = this === null || this === undefined ? 0 : this.length;
    if (typeof length === 'number' && length > budgetChars / 8 && limit === undefined && splitsIntoCharacters(separator)) {
      throw fail('code_memory_limit', 'Splitting a text of ' + length + ' characters into single characters needs more memory than the limit allows; process the text in parts or raise memoryMb.');
    }
    return applyOf(nativeSplit, this, arguments);
  } }.split,
});

/** Characters of text in a value (strings, keys, one per value), counted without flattening any
 * string; stops counting once past cap. */
function textSize(root, cap) {
  if (typeof root === 'string') return root.length;
  if (root === null || typeof root !== 'object') return 1;
  const seen = new SetOf();
  const stack = [root];
  let size = 0;
  while (stack.length > 0 && size <= cap) {
    const v = stack.pop();
    size += 1;
    if (typeof v === 'string') { size += v.length; continue; }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (isArray(v)) { for (let i = 0; i < v.length && size <= cap; i++) { stack.push(v[i]); size += 1; } continue; }
    const ks = keys(v);
    for (let i = 0; i < ks.length && size <= cap; i++) { size += ks[i].length; stack.push(v[ks[i]]); }
  }
  return size;
}
`;
