/** The shell the session runner and the console share: parseSession() splits text into commands, Shell runs them. */
export { Shell, type ShellCluster, type ShellOptions } from './shell';
export { parseSession, needsMoreInput, ShellParseError, type SessionCommand, type Heredoc } from './session';
export { quoteWord, joinWords } from './quote';
export { COMMAND_NAMES } from './builtins';
