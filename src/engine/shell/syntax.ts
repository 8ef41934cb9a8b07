/** Tokens -> a command list: `a && b || c ; d | e`, each simple command with its words and redirections. */
import type { RedirOp, Token, Word } from './lexer';
import type { Heredoc } from './session';

export interface Redirection {
  fd: number;
  op: RedirOp;
  /** The file or descriptor word; for `<<` the here-document itself. */
  target?: Word;
  heredoc?: Heredoc;
}

export interface SimpleCommand {
  words: Word[];
  redirections: Redirection[];
}

export type Pipeline = SimpleCommand[];

export interface AndOrList {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** A syntax the shell does not accept; printed like bash's `syntax error near unexpected token`. */
export class ShellSyntaxError extends Error {}

const UNSUPPORTED: Record<string, string> = {
  '&': 'running commands in the background (&) is not supported here',
  '(': 'subshells ( ... ) are not supported here',
  ')': "syntax error near unexpected token ')'",
};

/** Parse lexed tokens. `heredocs` are consumed in order by the `<<` redirections. */
export function parseTokens(tokens: Token[], heredocs: Heredoc[] = []): AndOrList[] {
  const lists: AndOrList[] = [];
  let k = 0;
  let hd = 0;
  const peek = () => tokens[k];

  const simple = (): SimpleCommand => {
    const cmd: SimpleCommand = { words: [], redirections: [] };
    for (let t = peek(); t && t.type !== 'op'; t = peek()) {
      k++;
      if (t.type === 'word') {
        cmd.words.push(t.word);
        continue;
      }
      const target = peek();
      if (target?.type !== 'word') throw new ShellSyntaxError(`syntax error near unexpected token '${tokenText(target)}'`);
      k++;
      const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1);
      if (t.op === '<<' || t.op === '<<-') {
        const heredoc = heredocs[hd++];
        if (!heredoc) throw new ShellSyntaxError(`here-document '${target.word.raw}' has no body: type its lines after the command`);
        cmd.redirections.push({ fd, op: t.op, heredoc });
      } else cmd.redirections.push({ fd, op: t.op, target: target.word });
    }
    if (!cmd.words.length && !cmd.redirections.length) throw new ShellSyntaxError(`syntax error near unexpected token '${tokenText(peek())}'`);
    return cmd;
  };

  const pipeline = (): Pipeline => {
    const stages = [simple()];
    while (peek()?.type === 'op' && (peek() as { op: string }).op === '|') {
      k++;
      stages.push(simple());
    }
    return stages;
  };

  while (k < tokens.length) {
    const t = peek();
    if (t.type === 'op' && t.op === ';') {
      if (k === 0 || (tokens[k - 1].type === 'op' && (tokens[k - 1] as { op: string }).op === ';')) throw new ShellSyntaxError("syntax error near unexpected token ';'");
      k++;
      continue;
    }
    if (t.type === 'op' && UNSUPPORTED[t.op]) throw new ShellSyntaxError(UNSUPPORTED[t.op]);
    const list: AndOrList = { first: pipeline(), rest: [] };
    for (let o = peek(); o?.type === 'op' && (o.op === '&&' || o.op === '||'); o = peek()) {
      k++;
      list.rest.push({ op: o.op, pipeline: pipeline() });
    }
    const after = peek();
    if (after?.type === 'op' && UNSUPPORTED[after.op]) throw new ShellSyntaxError(UNSUPPORTED[after.op]);
    lists.push(list);
  }
  return lists;
}

function tokenText(t: Token | undefined): string {
  if (!t) return 'newline';
  if (t.type === 'word') return t.word.raw;
  if (t.type === 'op') return t.op === ';' ? ';' : t.op;
  return t.op;
}
