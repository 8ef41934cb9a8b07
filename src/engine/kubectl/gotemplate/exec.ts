/** Execution of parsed Go templates over JSON data, with text/template's missing-key and error behaviour. */
import { BUILTINS, ExecError, isTrue, MISSING, printable } from './funcs';
import type { Arg, Pipe, TNode } from './parser';

class BreakSignal {}
class ContinueSignal {}

/** An execution error carrying the template position and the node text for the message. */
export class TemplateExecError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly context: string,
  ) {
    super(message);
  }
  /** What the template printed before it failed (Go writes it out as it goes). */
  partial = '';
}

type Scope = { name: string; value: unknown }[];

export function executeTemplate(nodes: TNode[], data: unknown): string {
  const state = new State(data);
  try {
    state.walkList(nodes, data);
  } catch (e) {
    if (e instanceof TemplateExecError) e.partial = state.out;
    throw e;
  }
  return state.out;
}

class State {
  out = '';
  private vars: Scope;

  constructor(root: unknown) {
    this.vars = [{ name: '$', value: root }];
  }

  walkList(nodes: TNode[], dot: unknown): void {
    for (const n of nodes) this.walk(n, dot);
  }

  private withScope(fn: () => void): void {
    const mark = this.vars.length;
    try {
      fn();
    } finally {
      this.vars.length = mark;
    }
  }

  private walk(node: TNode, dot: unknown): void {
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.evalPipe(node.pipe, dot);
        if (node.pipe.decl.length === 0) this.out += printable(v);
        return;
      }
      case 'if':
      case 'with':
        this.withScope(() => {
          const v = this.evalPipe(node.pipe, dot);
          if (isTrue(v)) this.withScope(() => this.walkList(node.list, node.type === 'with' ? v : dot));
          else if (node.elseList) this.withScope(() => this.walkList(node.elseList!, dot));
        });
        return;
      case 'range':
        this.withScope(() => this.walkRange(node, dot));
        return;
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(node: Extract<TNode, { type: 'range' }>, dot: unknown): void {
    const decl = node.pipe.decl;
    const pipe = { ...node.pipe, decl: [] };
    const v = this.evalPipe(pipe, dot);
    let entries: [unknown, unknown][] = [];
    if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
    else if (v && typeof v === 'object') entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
    else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
    else if (v !== undefined && v !== null) {
      throw new TemplateExecError(`range can't iterate over ${printable(v)}`, node.pos, `range ${node.pipe.text}`);
    }
    if (entries.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot);
      return;
    }
    for (const [key, elem] of entries) {
      const mark = this.vars.length;
      if (decl.length === 1) this.vars.push({ name: decl[0], value: elem });
      if (decl.length === 2) this.vars.push({ name: decl[0], value: key }, { name: decl[1], value: elem });
      try {
        this.walkList(node.list, elem);
      } catch (e) {
        if (e instanceof BreakSignal) break;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = mark;
      }
    }
  }

  private evalPipe(pipe: Pipe, dot: unknown): unknown {
    let value: unknown = MISSING;
    let first = true;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(cmd.args, dot, first ? [] : [value]);
      first = false;
    }
    if (pipe.decl.length) {
      const name = pipe.decl[0];
      if (pipe.isAssign) {
        const slot = [...this.vars].reverse().find((s) => s.name === name);
        if (!slot) throw new TemplateExecError(`undefined variable: ${name}`, pipe.pos, pipe.text);
        slot.value = value;
      } else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(args: Arg[], dot: unknown, final: unknown[]): unknown {
    const head = args[0];
    if (head.type === 'identifier') {
      if (head.name === 'and' || head.name === 'or') {
        const all = [...args.slice(1).map((a) => () => this.evalArg(a, dot)), ...final.map((f) => () => f)];
        if (all.length === 0) throw this.error(`wrong number of args for ${head.name}: want at least 1 got 0`, head);
        let v: unknown;
        for (const get of all) {
          v = get();
          if (head.name === 'and' ? !isTrue(v) : isTrue(v)) return v;
        }
        return v;
      }
      const values = [...args.slice(1).map((a) => this.evalArg(a, dot)), ...final];
      try {
        return BUILTINS[head.name](...values);
      } catch (e) {
        if (e instanceof ExecError) throw this.error(e.message.startsWith('error calling') ? e.message : `error calling ${head.name}: ${e.message}`, head);
        throw e;
      }
    }
    if (args.length > 1 || final.length) {
      if (head.type === 'field' || head.type === 'chain' || (head.type === 'variable' && head.idents.length)) {
        const idents = head.type === 'field' ? head.idents : head.idents;
        throw this.error(`${idents[idents.length - 1]} is not a method but has arguments`, head);
      }
      throw this.error(`can't give argument to non-function ${describeArg(head)}`, head);
    }
    return this.evalArg(head, dot);
  }

  private evalArg(arg: Arg, dot: unknown): unknown {
    switch (arg.type) {
      case 'dot':
        return dot;
      case 'field':
        return this.evalFields(dot, arg.idents, arg);
      case 'variable': {
        const slot = [...this.vars].reverse().find((s) => s.name === arg.name);
        if (!slot) throw this.error(`undefined variable: ${arg.name}`, arg);
        return this.evalFields(slot.value, arg.idents, arg);
      }
      case 'chain':
        return this.evalFields(this.evalArg(arg.node, dot), arg.idents, arg);
      case 'pipe':
        return this.evalPipe(arg.pipe, dot);
      case 'string':
      case 'number':
      case 'bool':
        return arg.value;
      case 'nil':
        throw this.error('nil is not a command', arg);
      case 'identifier':
        return this.evalCommand([arg], dot, []);
    }
  }

  private evalFields(receiver: unknown, idents: string[], arg: Arg): unknown {
    let cur = receiver;
    for (const name of idents) {
      if (cur === MISSING) return MISSING;
      if (cur === null) throw this.error(`nil pointer evaluating interface {}.${name}`, arg);
      if (typeof cur !== 'object' || Array.isArray(cur)) {
        const t = Array.isArray(cur) ? '[]interface {}' : typeof cur === 'string' ? 'string' : typeof cur === 'boolean' ? 'bool' : Number.isInteger(cur) ? 'int64' : 'float64';
        throw this.error(`can't evaluate field ${name} in type ${t}`, arg);
      }
      const map = cur as Record<string, unknown>;
      cur = Object.prototype.hasOwnProperty.call(map, name) ? map[name] : MISSING;
    }
    return cur;
  }

  private error(message: string, arg: Arg): TemplateExecError {
    return new TemplateExecError(message, arg.pos, describeArg(arg));
  }
}

function describeArg(arg: Arg): string {
  switch (arg.type) {
    case 'field':
      return arg.idents.map((i) => '.' + i).join('');
    case 'variable':
      return arg.name + arg.idents.map((i) => '.' + i).join('');
    case 'chain':
      return `(${describeArg(arg.node)})${arg.idents.map((i) => '.' + i).join('')}`;
    case 'dot':
      return '.';
    case 'identifier':
      return arg.name;
    case 'string':
      return JSON.stringify(arg.value);
    case 'number':
      return arg.text;
    case 'bool':
      return String(arg.value);
    case 'nil':
      return 'nil';
    case 'pipe':
      return `(${arg.pipe.text})`;
  }
}
