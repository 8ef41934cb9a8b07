/**
 * Session files: the text of a shell session split into commands. One command per line; `\`, an open quote or
 * `$(`, or a trailing `&&` / `||` / `|` continue it on the next line; `#` comments and blank lines are skipped;
 * here-documents (`<<EOF`, `<<'EOF'`, `<<"EOF"`, `<<-EOF`) take the lines after the command up to the delimiter.
 */
import { lex, type Token, type Unfinished, type Word } from './lexer';

export interface Heredoc {
  delimiter: string;
  /** The lines between the command and the delimiter, each ending in a newline (tabs already stripped for `<<-`). */
  body: string;
  /** False when the delimiter was quoted (`<<'EOF'`): the body is taken literally, with no `$` expansion. */
  expand: boolean;
}

export interface SessionCommand {
  /** 1-based line where the command starts. */
  line: number;
  /** The command as written: all its lines, here-document bodies and delimiter lines included. */
  text: string;
  /** The command line(s) alone, without here-document bodies. */
  source: string;
  /** Here-documents in the order their `<<` appear in `source`. */
  heredocs: Heredoc[];
}

export class ShellParseError extends Error {
  constructor(
    message: string,
    /** 1-based line the error is reported at. */
    readonly line: number,
    /** True when more input could complete the text (the console then asks for another line). */
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

const UNFINISHED_MESSAGE: Record<Unfinished, string> = {
  'single quote': "unterminated quoted string: no closing ' for the quote that starts here",
  'double quote': 'unterminated quoted string: no closing " for the quote that starts here',
  'command substitution': 'unterminated command substitution: no closing ) for the $( that starts here',
  backquote: 'unterminated command substitution: no closing ` for the one that starts here',
  parameter: 'unterminated parameter: no closing } for the ${ that starts here',
  line: 'unexpected end of file: the command that starts here is not finished',
};

/** Split a session's text into commands. Throws ShellParseError for unterminated quotes and here-documents. */
export function parseSession(text: string): SessionCommand[] {
  return split(text, false);
}

function split(text: string, console: boolean): SessionCommand[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const commands: SessionCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let source = lines[i++];
    let result = lex(source);
    while (result.unfinished && i < lines.length) {
      source += '\n' + lines[i++];
      result = lex(source);
    }
    // A `\` on the last line of a file ends it; typed at the console, it asks for the next line.
    let command = source;
    if (!console && result.unfinished?.what === 'line' && source.endsWith('\\')) {
      command = source.slice(0, -1);
      result = lex(command);
    }
    if (result.unfinished) {
      const at = start + 1 + countNewlines(source.slice(0, result.unfinished.offset));
      throw new ShellParseError(UNFINISHED_MESSAGE[result.unfinished.what], at, true);
    }
    const heredocs: Heredoc[] = [];
    for (const spec of heredocSpecs(result.tokens, start + 1)) {
      const body: string[] = [];
      for (;;) {
        if (i >= lines.length) {
          throw new ShellParseError(
            `unterminated here-document: no line "${spec.delimiter}" ends the one that starts here`,
            start + 1,
            true,
          );
        }
        const raw = lines[i++];
        const l = spec.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (l === spec.delimiter) break;
        body.push(l + '\n');
      }
      heredocs.push({ delimiter: spec.delimiter, body: body.join(''), expand: spec.expand });
    }
    if (!result.tokens.length) continue;
    commands.push({ line: start + 1, text: lines.slice(start, i).join('\n'), source: command, heredocs });
  }
  return commands;
}

/** True when `text` is an unfinished command: the console should read another line before running it. */
export function needsMoreInput(text: string): boolean {
  try {
    split(text, true);
    return false;
  } catch (e) {
    return e instanceof ShellParseError && e.incomplete;
  }
}

function heredocSpecs(tokens: Token[], line: number): { delimiter: string; expand: boolean; stripTabs: boolean }[] {
  const specs = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'redir' || (t.op !== '<<' && t.op !== '<<-')) continue;
    const next = tokens[k + 1];
    if (next?.type !== 'word') throw new ShellParseError("syntax error: a here-document needs a delimiter word after '<<'", line, false);
    specs.push({ ...heredocDelimiter(next.word), stripTabs: t.op === '<<-' });
  }
  return specs;
}

/** The delimiter with its quotes removed; a quoted delimiter (any part of it) turns expansion off. */
export function heredocDelimiter(word: Word): { delimiter: string; expand: boolean } {
  const quoted = /['"\\]/.test(word.raw);
  const delimiter = word.parts.every((p) => p.kind === 'lit') ? word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('') : word.raw;
  return { delimiter, expand: !quoted };
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}
