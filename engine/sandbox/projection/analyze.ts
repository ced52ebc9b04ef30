import { parse } from 'acorn';
import { EACH, emptyShape, markFull, nodeAt, type Segment, type Shape } from './shape';

// Which parts of its first parameter does a function read? A conservative static analysis of
// the function's source (as the isolate reports it, after esbuild): it follows the parameter
// through static property reads, aliases (`const lines = po.item.items`), destructuring,
// `for…of` and element callbacks (`lines.map((l) => …)`). Any other use keeps the whole value
// at that path; anything it cannot follow (`arguments`, `eval`, a name declared twice,
// destructuring assignment) gives up and the whole input crosses. Giving up is always safe.

interface AstNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string';
}
function child(n: AstNode, key: string): AstNode | null {
  const v = n[key];
  return isNode(v) ? v : null;
}
function list(n: AstNode, key: string): AstNode[] {
  const v = n[key];
  return Array.isArray(v) ? v.filter(isNode) : [];
}
function identifierName(n: AstNode | null): string | null {
  return n?.type === 'Identifier' && typeof n.name === 'string' ? n.name : null;
}

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration']);
/** Array methods whose result never contains the elements themselves, only what the callback returns. */
const ELEMENT_METHODS = new Set(['map', 'forEach', 'some', 'every', 'findIndex', 'findLastIndex', 'flatMap']);
/** Reading one of these may hand out the object itself or read other keys (valueOf, slice…): keep the whole value. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(
  [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype].flatMap((p) => Object.getOwnPropertyNames(p)),
);

class GiveUp extends Error {}

function parseFunction(source: string): AstNode | null {
  // `function run(){}` and arrows parse as expressions; method shorthand `run(po) {}` needs an object around it.
  for (const wrapped of [`(${source}\n)`, `({ ${source}\n})`]) {
    let program: unknown;
    try {
      program = parse(wrapped, { ecmaVersion: 'latest', sourceType: 'script' });
    } catch {
      continue;
    }
    if (!isNode(program)) continue;
    const expr = child(list(program, 'body')[0] ?? { type: 'Empty' }, 'expression');
    if (expr && FUNCTION_TYPES.has(expr.type)) return expr;
    const prop = expr?.type === 'ObjectExpression' ? list(expr, 'properties')[0] : undefined;
    const value = prop ? child(prop, 'value') : null;
    if (value && FUNCTION_TYPES.has(value.type)) return value;
  }
  return null;
}

/** Pass 1: parents, declared names (with counts) and identifier references, by position. */
class Index {
  readonly parents = new Map<AstNode, AstNode>();
  readonly declared = new Map<string, number>();
  readonly refs = new Map<string, AstNode[]>();

  visit(n: AstNode, parent: AstNode | null, mode: 'ref' | 'decl'): void {
    if (parent) this.parents.set(n, parent);
    const go = (c: AstNode | null, m: 'ref' | 'decl' = 'ref'): void => {
      if (c) this.visit(c, n, m);
    };
    switch (n.type) {
      case 'Identifier': {
        const name = identifierName(n) ?? '';
        if (mode === 'decl') {
          this.declared.set(name, (this.declared.get(name) ?? 0) + 1);
        } else {
          if (name === 'arguments' || name === 'eval') throw new GiveUp();
          const refs = this.refs.get(name) ?? [];
          refs.push(n);
          this.refs.set(name, refs);
        }
        return;
      }
      case 'MemberExpression':
        go(child(n, 'object'));
        if (n.computed === true) go(child(n, 'property'));
        return;
      case 'Property':
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (n.computed === true) go(child(n, 'key'));
        go(child(n, 'value'), n.type === 'Property' ? mode : 'ref');
        return;
      case 'VariableDeclarator':
        go(child(n, 'id'), 'decl');
        go(child(n, 'init'));
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
        go(child(n, 'id'), 'decl');
        for (const p of list(n, 'params')) go(p, 'decl');
        go(child(n, 'superClass'));
        go(child(n, 'body'));
        return;
      case 'CatchClause':
        go(child(n, 'param'), 'decl');
        go(child(n, 'body'));
        return;
      case 'AssignmentPattern':
        go(child(n, 'left'), mode);
        go(child(n, 'right'));
        return;
      case 'RestElement':
        go(child(n, 'argument'), mode);
        return;
      case 'ArrayPattern':
        for (const e of list(n, 'elements')) go(e, mode);
        return;
      case 'ObjectPattern':
        for (const p of list(n, 'properties')) go(p, mode);
        return;
      case 'AssignmentExpression':
      case 'ForInStatement':
      case 'ForOfStatement': {
        // A plain name as a write target is not a read; a pattern as a target is not followed.
        const target = child(n, 'left');
        if (target?.type === 'ObjectPattern' || target?.type === 'ArrayPattern') throw new GiveUp();
        if (target?.type === 'Identifier') this.parents.set(target, n);
        else go(target);
        go(child(n, 'right'));
        go(child(n, 'body'));
        return;
      }
      case 'WithStatement':
        throw new GiveUp();
      case 'LabeledStatement':
        go(child(n, 'body'));
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      default:
        for (const [key, v] of Object.entries(n)) {
          if (key === 'type' || key === 'start' || key === 'end') continue;
          if (isNode(v)) go(v);
          else if (Array.isArray(v)) for (const e of v) if (isNode(e)) go(e);
        }
    }
  }
}

function staticKey(member: AstNode): string | null {
  const prop = child(member, 'property');
  if (!prop) return null;
  if (member.computed !== true) return identifierName(prop);
  if (prop.type === 'Literal' && (typeof prop.value === 'string' || typeof prop.value === 'number')) return String(prop.value);
  return null;
}

function propertyKey(prop: AstNode): string | null {
  const key = child(prop, 'key');
  if (prop.type !== 'Property' || prop.computed === true || !key) return null;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return identifierName(key);
}

function isNullish(n: AstNode | null): boolean {
  return (n?.type === 'Literal' && n.value === null) || identifierName(n) === 'undefined';
}

/**
 * Uses that depend only on whether the value is there (truthiness, typeof, a null check). A
 * projected value keeps those: objects stay objects (so truthy), primitives are never cut.
 */
function presenceOnly(parent: AstNode, node: AstNode): boolean {
  switch (parent.type) {
    case 'UnaryExpression':
      return parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void';
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ConditionalExpression':
      return parent.test === node;
    case 'LogicalExpression':
      // `a && b` yields `a` only when it is falsy, i.e. a primitive, which projection never changes.
      return parent.operator === '&&' && parent.left === node;
    case 'BinaryExpression': {
      const other = parent.left === node ? child(parent, 'right') : child(parent, 'left');
      return ['==', '===', '!=', '!=='].includes(String(parent.operator)) && isNullish(other);
    }
    default:
      return false;
  }
}

/** Pass 2: follow the parameter and everything bound to parts of it. */
class Tracker {
  readonly root = emptyShape();
  private readonly bound = new Set<string>();
  private readonly queue: Array<[string, Segment[]]> = [];

  constructor(private readonly index: Index) {}

  run(): Shape {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const [name, path] = item;
      nodeAt(this.root, path);
      for (const ref of this.index.refs.get(name) ?? []) this.use(ref, path);
    }
    return this.root;
  }

  bindPattern(p: AstNode | null, path: Segment[]): void {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': {
        const name = identifierName(p) ?? '';
        // A name declared twice could be read in a scope we would attribute wrongly.
        if (this.index.declared.get(name) !== 1 || this.bound.has(name)) throw new GiveUp();
        this.bound.add(name);
        this.queue.push([name, path]);
        return;
      }
      case 'AssignmentPattern':
        this.bindPattern(child(p, 'left'), path);
        return;
      case 'ObjectPattern':
        for (const prop of list(p, 'properties')) {
          const key = propertyKey(prop);
          if (key === null || PROTOTYPE_KEYS.has(key)) {
            markFull(this.root, path);
            continue;
          }
          this.bindPattern(child(prop, 'value'), [...path, key]);
        }
        return;
      default:
        markFull(this.root, path);
    }
  }

  private use(ref: AstNode, start: Segment[]): void {
    let node = ref;
    let path = start;
    for (;;) {
      const parent = this.index.parents.get(node);
      if (!parent) return markFull(this.root, path);
      if (parent.type === 'ChainExpression') {
        node = parent;
        continue;
      }
      if (parent.type === 'MemberExpression' && parent.object === node) {
        const key = staticKey(parent);
        if (key !== null && !PROTOTYPE_KEYS.has(key)) {
          path = [...path, key];
          node = parent;
          continue;
        }
        if (key !== null && ELEMENT_METHODS.has(key) && this.elementCallback(parent, path)) return;
        return markFull(this.root, path);
      }
      if (presenceOnly(parent, node)) {
        nodeAt(this.root, path);
        return;
      }
      if (parent.type === 'VariableDeclarator' && parent.init === node) return this.bindPattern(child(parent, 'id'), path);
      if (parent.type === 'ForOfStatement' && parent.right === node) {
        const left = child(parent, 'left');
        const declarators = left?.type === 'VariableDeclaration' ? list(left, 'declarations') : [];
        if (declarators.length === 1 && declarators[0]) return this.bindPattern(child(declarators[0], 'id'), [...path, EACH]);
        return markFull(this.root, path);
      }
      return markFull(this.root, path);
    }
  }

  /** `path.map((el) => …)`: the element is followed like the parameter. */
  private elementCallback(member: AstNode, path: Segment[]): boolean {
    const call = this.index.parents.get(member);
    if (call?.type !== 'CallExpression' || call.callee !== member) return false;
    const args = list(call, 'arguments');
    const fn = args[0];
    if (args.length !== 1 || !fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return false;
    const params = list(fn, 'params');
    if (params.length > 2) return false; // the third parameter is the array itself
    nodeAt(this.root, [...path, EACH]);
    this.bindPattern(params[0] ?? null, [...path, EACH]);
    return true;
  }
}

/**
 * The shape of the first parameter `source` (a function's text) reads, or null when the whole
 * input must cross (the analysis gave up, or the function reads all of it anyway).
 */
export function analyzeInputUse(source: string): Shape | null {
  const fn = parseFunction(source);
  if (!fn) return null;
  try {
    const index = new Index();
    index.visit(fn, null, 'ref');
    const tracker = new Tracker(index);
    const first = list(fn, 'params')[0];
    if (first) tracker.bindPattern(first, []);
    const shape = tracker.run();
    return shape.full ? null : shape;
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}
