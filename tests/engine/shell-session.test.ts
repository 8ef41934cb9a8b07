import { describe, expect, it } from 'vitest';
import { needsMoreInput, parseSession, ShellParseError } from '../../src/engine/shell';

function parseError(text: string): ShellParseError {
  try {
    parseSession(text);
  } catch (e) {
    if (e instanceof ShellParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('session files: one command per line', () => {
  it('skips blank lines and comments and numbers commands by their first line', () => {
    const cmds = parseSession('# setup\n\nkubectl get ns   # list them\n   \necho hi\n');
    expect(cmds.map((c) => [c.line, c.source])).toEqual([
      [3, 'kubectl get ns   # list them'],
      [5, 'echo hi'],
    ]);
  });

  it('joins lines ending in a backslash and keeps the text as written', () => {
    const cmds = parseSession('kubectl run web \\\n  --image=nginx \\\n  --port=80\necho done');
    expect(cmds).toHaveLength(2);
    expect(cmds[0].line).toBe(1);
    expect(cmds[0].text).toBe('kubectl run web \\\n  --image=nginx \\\n  --port=80');
    expect(cmds[1].line).toBe(4);
  });

  it('continues a quote, a $( or a trailing && on the next line', () => {
    const cmds = parseSession("echo 'a\nb'\nX=$(echo\n  hi)\necho a &&\n  echo b\necho end");
    expect(cmds.map((c) => c.line)).toEqual([1, 3, 5, 7]);
  });

  it('reads CRLF files', () => {
    expect(parseSession('echo a\r\necho b\r\n').map((c) => c.source)).toEqual(['echo a', 'echo b']);
  });

  it('treats a backslash on the last line as the end of the file', () => {
    expect(parseSession('echo a \\').map((c) => c.source)).toEqual(['echo a ']);
  });
});

describe('session files: here-documents', () => {
  it('takes the lines up to the delimiter as the body, and shows them in the command text', () => {
    const text = 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF\necho next';
    const [apply, next] = parseSession(text);
    expect(apply.source).toBe('kubectl apply -f - <<EOF');
    expect(apply.heredocs).toEqual([{ delimiter: 'EOF', body: 'apiVersion: v1\nkind: Namespace\n', expand: true }]);
    expect(apply.text).toBe('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF');
    expect(next.line).toBe(5);
  });

  it("turns expansion off for <<'EOF' and <<\"EOF\"", () => {
    expect(parseSession("cat <<'EOF'\n$X\nEOF")[0].heredocs[0]).toEqual({ delimiter: 'EOF', body: '$X\n', expand: false });
    expect(parseSession('cat <<"END"\n$X\nEND')[0].heredocs[0].expand).toBe(false);
  });

  it('strips leading tabs from the body and the delimiter with <<-', () => {
    const [cmd] = parseSession('cat <<-EOF\n\t\tkind: Pod\n\tEOF');
    expect(cmd.heredocs[0].body).toBe('kind: Pod\n');
  });

  it('does not end the body on an indented delimiter without <<-', () => {
    expect(parseError('cat <<EOF\n  EOF\n').line).toBe(1);
  });

  it('reads several here-documents in order', () => {
    const [cmd] = parseSession('cat <<A; cat <<B\na\nA\nb\nB');
    expect(cmd.heredocs.map((h) => h.body)).toEqual(['a\n', 'b\n']);
  });

  it('leaves an empty body for a delimiter right after the command', () => {
    expect(parseSession('cat <<EOF\nEOF')[0].heredocs[0].body).toBe('');
  });
});

describe('session files: errors', () => {
  it('reports an unterminated here-document at the line of its command', () => {
    const e = parseError('echo ok\n\nkubectl apply -f - <<EOF\nkind: Pod\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe('unterminated here-document: no line "EOF" ends the one that starts here');
    expect(e.incomplete).toBe(true);
  });

  it('reports an unterminated quote at the line where the quote opens', () => {
    const e = parseError('echo ok\necho one \\\n  "two\nthree\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^unterminated quoted string/);
  });

  it('reports an unterminated single quote and command substitution', () => {
    expect(parseError("echo 'abc").message).toMatch(/no closing '/);
    expect(parseError('X=$(echo a').message).toMatch(/unterminated command substitution/);
  });

  it('reports a command left open by a trailing &&', () => {
    expect(parseError('echo a\necho b &&\n').line).toBe(2);
  });
});

describe('needsMoreInput (the console asks for another line)', () => {
  it('is true while a quote, a here-document, a continuation or && is open', () => {
    expect(needsMoreInput("echo 'a")).toBe(true);
    expect(needsMoreInput('kubectl apply -f - <<EOF')).toBe(true);
    expect(needsMoreInput('kubectl apply -f - <<EOF\nkind: Pod')).toBe(true);
    expect(needsMoreInput('kubectl run web \\')).toBe(true);
    expect(needsMoreInput('kubectl get pods &&')).toBe(true);
  });

  it('is false for finished commands, even wrong ones', () => {
    expect(needsMoreInput('kubectl get pods')).toBe(false);
    expect(needsMoreInput('kubectl apply -f - <<EOF\nkind: Pod\nEOF')).toBe(false);
    expect(needsMoreInput('&& echo')).toBe(false);
  });
});
