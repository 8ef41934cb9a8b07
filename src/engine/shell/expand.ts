/** Word expansion: variables, command substitution and field splitting, as a POSIX shell does them (no globbing). */
import { readExpansion, Unclosed, type Part, type Word } from './lexer';

export interface ExpandContext {
  /** A variable's value; undefined when it is not set. */
  variable(name: string): string | undefined;
  /** Run a command substitution and return its stdout (its stderr goes wherever the context sends it). */
  substitute(source: string): string;
}

function partValue(part: Exclude<Part, { kind: 'lit' }>, ctx: ExpandContext): string {
  if (part.kind === 'subst') return ctx.substitute(part.source).replace(/\n+$/, '');
  if (part.name.startsWith('\0')) throw new ExpansionError(`\${${part.name.slice(1)}}: bad substitution`);
  const value = ctx.variable(part.name);
  if (part.fallback && (value === undefined || (part.fallback.ifEmpty && value === ''))) {
    return expandText(part.fallback.text, ctx);
  }
  return value ?? '';
}

export class ExpansionError extends Error {}

/** Expand a word into fields. Unquoted expansions split on blanks; a word that expands to nothing disappears. */
export function expandWord(word: Word, ctx: ExpandContext, split = true): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  for (const part of word.parts) {
    if (part.kind === 'lit') {
      cur += part.text;
      has ||= part.quoted || part.text !== '';
      continue;
    }
    const value = partValue(part, ctx);
    if (part.quoted || !split) {
      cur += value;
      has = true;
      continue;
    }
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, n) => {
      if (n > 0) {
        if (has) fields.push(cur);
        cur = '';
        has = false;
      }
      cur += piece;
      has ||= piece !== '';
    });
  }
  if (has) fields.push(cur);
  return fields;
}

/** Expand a word into exactly one string (assignments, redirection targets). */
export function expandSingle(word: Word, ctx: ExpandContext): string {
  return expandWord(word, ctx, false).join('');
}

/**
 * Expand text where only `$`, backquotes and `\` are special: an unquoted here-document body, or the word of
 * `${X:-word}`. In a here-document `\` escapes only `$`, `` ` ``, `\` and a newline.
 */
export function expandText(text: string, ctx: ExpandContext): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$`\\\n'.includes(text[i + 1])) {
      if (text[i + 1] !== '\n') out += text[i + 1];
      i += 2;
    } else if (c === '$' || c === '`') {
      let r: ReturnType<typeof readExpansion>;
      try {
        r = readExpansion(text, i, true);
      } catch (e) {
        if (e instanceof Unclosed) throw new ExpansionError(`unexpected end of text: unterminated ${e.what}`);
        throw e;
      }
      out += r.part && r.part.kind !== 'lit' ? partValue(r.part, ctx) : '$';
      i = r.end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
