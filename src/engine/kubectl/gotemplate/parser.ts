/** Parser for the Go text/template subset: actions, pipelines, if/else, range, with, variables, functions. */
import { lex, TemplateSyntaxError, type Item } from './lexer';

export type Arg =
  | { type: 'field'; idents: string[]; pos: number }
  | { type: 'variable'; name: string; idents: string[]; pos: number }
  | { type: 'chain'; node: Arg; idents: string[]; pos: number }
  | { type: 'dot'; pos: number }
  | { type: 'identifier'; name: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; isFloat: boolean; text: string; pos: number }
  | { type: 'bool'; value: boolean; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'pipe'; pipe: Pipe; pos: number };

export interface Command {
  args: Arg[];
  pos: number;
}

export interface Pipe {
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
  pos: number;
  /** The source text, for error context. */
  text: string;
}

export type TNode =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: Pipe; pos: number }
  | { type: 'if'; pipe: Pipe; list: TNode[]; elseList?: TNode[]; pos: number }
  | { type: 'with'; pipe: Pipe; list: TNode[]; elseList?: TNode[]; pos: number }
  | { type: 'range'; pipe: Pipe; list: TNode[]; elseList?: TNode[]; pos: number }
  | { type: 'break' | 'continue'; pos: number };

export const FUNCTIONS = new Set([
  'and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html',
  'js', 'urlquery', 'base64decode', 'exists', 'call',
]);

function unquote(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  try {
    return JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
  } catch {
    throw new TemplateSyntaxError(`invalid syntax`, 0);
  }
}

export function parseTemplate(input: string): TNode[] {
  return new TemplateParser(input).parse();
}

class TemplateParser {
  private items: Item[];
  private i = 0;

  constructor(private readonly input: string) {
    this.items = lex(input);
  }

  private peek(): Item {
    return this.items[this.i];
  }
  private next(): Item {
    return this.items[this.i++];
  }
  private nextNonSpace(): Item {
    let it = this.next();
    while (it.type === 'space') it = this.next();
    return it;
  }
  private peekNonSpace(): Item {
    const save = this.i;
    const it = this.nextNonSpace();
    this.i = save;
    return it;
  }
  private fail(msg: string, pos: number): never {
    throw new TemplateSyntaxError(msg, pos);
  }

  parse(): TNode[] {
    const { list, end } = this.parseList();
    if (end) this.fail(`unexpected {{${end.val}}}`, end.pos);
    return list;
  }

  /** Nodes until EOF or an {{end}} / {{else}} action, which is returned. */
  private parseList(): { list: TNode[]; end?: Item & { elseIf?: boolean } } {
    const list: TNode[] = [];
    for (;;) {
      const it = this.next();
      if (it.type === 'eof') return { list };
      if (it.type === 'text') {
        list.push({ type: 'text', text: it.val });
        continue;
      }
      // it.type === 'left'
      const word = this.peekNonSpace();
      if (word.type === 'identifier' && ['end', 'else'].includes(word.val)) {
        this.nextNonSpace();
        if (word.val === 'else') {
          const after = this.peekNonSpace();
          if (after.type === 'identifier' && ['if', 'with'].includes(after.val)) return { list, end: { ...word, elseIf: true } };
        }
        const close = this.nextNonSpace();
        if (close.type !== 'right') this.fail(`unexpected ${describe(close)} in ${word.val}`, close.pos);
        return { list, end: word };
      }
      if (word.type === 'identifier' && ['if', 'range', 'with'].includes(word.val)) {
        this.nextNonSpace();
        list.push(this.parseControl(word.val as 'if' | 'range' | 'with', word.pos));
        continue;
      }
      if (word.type === 'identifier' && ['break', 'continue'].includes(word.val)) {
        this.nextNonSpace();
        if (this.nextNonSpace().type !== 'right') this.fail(`unexpected token in {{${word.val}}}`, word.pos);
        list.push({ type: word.val as 'break' | 'continue', pos: word.pos });
        continue;
      }
      if (word.type === 'identifier' && ['define', 'template', 'block'].includes(word.val)) {
        this.fail(`{{${word.val}}} is not supported by kubeplay`, word.pos);
      }
      const pipe = this.parsePipe('command', true);
      list.push({ type: 'action', pipe, pos: pipe.pos });
    }
  }

  private parseControl(kind: 'if' | 'range' | 'with', pos: number): TNode {
    const pipe = this.parsePipe(kind, true);
    const body = this.parseList();
    if (!body.end) this.fail('unexpected EOF', this.input.length);
    let elseList: TNode[] | undefined;
    if (body.end.val === 'else') {
      if (body.end.elseIf) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}}: the nested node consumes the final {{end}}.
        const word = this.nextNonSpace();
        elseList = [this.parseControl(word.val as 'if' | 'with', word.pos)];
      } else {
        const rest = this.parseList();
        if (!rest.end || rest.end.val !== 'end') this.fail('expected end; found ' + (rest.end ? `{{${rest.end.val}}}` : 'EOF'), pos);
        elseList = rest.list;
      }
    }
    return { type: kind, pipe, list: body.list, elseList, pos } as TNode;
  }

  private parsePipe(context: string, allowDecl: boolean): Pipe {
    const start = this.peekNonSpace().pos;
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], pos: start, text: '' };
    // Declarations: $x := / $x, $y := / $x =
    if (allowDecl && this.peekNonSpace().type === 'variable') {
      const save = this.i;
      const v = this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        pipe.isAssign = after.type === 'assign';
      } else if (after.type === 'char' && context === 'range') {
        this.nextNonSpace();
        const v2 = this.nextNonSpace();
        if (v2.type !== 'variable') this.fail(`range can only initialize variables`, v2.pos);
        if (this.nextNonSpace().type !== 'declare') this.fail(`expected :=`, v2.pos);
        pipe.decl.push(v.val, v2.val);
      } else this.i = save;
    }
    for (;;) {
      const it = this.peekNonSpace();
      if (it.type === 'right' || it.type === 'rightParen') {
        if (it.type === 'right') this.nextNonSpace();
        break;
      }
      if (it.type === 'eof') this.fail(`unclosed action`, it.pos);
      pipe.cmds.push(this.parseCommand());
      const sep = this.peekNonSpace();
      if (sep.type === 'pipe') this.nextNonSpace();
    }
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, start);
    pipe.text = this.input.slice(start, this.items[this.i - 1].pos).trim();
    return pipe;
  }

  private parseCommand(): Command {
    const cmd: Command = { args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      const it = this.peekNonSpace();
      if (['right', 'rightParen', 'pipe', 'eof'].includes(it.type)) break;
      cmd.args.push(this.parseOperand());
    }
    if (cmd.args.length === 0) this.fail('empty command', cmd.pos);
    return cmd;
  }

  private parseOperand(): Arg {
    const it = this.nextNonSpace();
    let arg: Arg;
    switch (it.type) {
      case 'field':
        arg = { type: 'field', idents: [it.val.slice(1)], pos: it.pos };
        break;
      case 'variable':
        arg = { type: 'variable', name: it.val, idents: [], pos: it.pos };
        break;
      case 'dot':
        arg = { type: 'dot', pos: it.pos };
        break;
      case 'identifier':
        if (!FUNCTIONS.has(it.val)) this.fail(`function "${it.val}" not defined`, it.pos);
        arg = { type: 'identifier', name: it.val, pos: it.pos };
        break;
      case 'string':
      case 'rawString':
        arg = { type: 'string', value: unquote(it.val), pos: it.pos };
        break;
      case 'number': {
        const isFloat = /[.eE]/.test(it.val) && !/^[+-]?0[xX]/.test(it.val);
        arg = { type: 'number', value: Number(it.val.replace(/_/g, '')), isFloat, text: it.val, pos: it.pos };
        break;
      }
      case 'bool':
        arg = { type: 'bool', value: it.val === 'true', pos: it.pos };
        break;
      case 'nil':
        arg = { type: 'nil', pos: it.pos };
        break;
      case 'leftParen': {
        const pipe = this.parsePipe('parenthesized pipeline', false);
        const close = this.nextNonSpace();
        if (close.type !== 'rightParen') this.fail(`unclosed left paren`, it.pos);
        arg = { type: 'pipe', pipe, pos: it.pos };
        break;
      }
      default:
        this.fail(`unexpected ${describe(it)} in operand`, it.pos);
    }
    // Field chains directly after the operand: .a.b, $x.a, (pipe).a
    const idents: string[] = [];
    while (this.peek().type === 'field') idents.push(this.next().val.slice(1));
    if (!idents.length) return arg;
    if (arg.type === 'field') return { ...arg, idents: [...arg.idents, ...idents] };
    if (arg.type === 'variable') return { ...arg, idents };
    return { type: 'chain', node: arg, idents, pos: arg.pos };
  }
}

function describe(it: Item): string {
  if (it.type === 'eof') return 'EOF';
  if (it.type === 'right') return '"}}"';
  return `"${it.val}"`;
}
