/** Turn argument vectors back into command lines that sh-style word splitting (kubectl/shell-words.ts) undoes exactly. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, single-quoted when it holds anything a shell would treat specially. */
export function quoteWord(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function joinWords(words: string[]): string {
  return words.map(quoteWord).join(' ');
}
