/** Served by scripts/prerender-cluster.ts. */
declare module 'virtual:prerendered-cluster' {
  const messages: readonly import('../../protocol/messages').WorkerToUi[];
  export default messages;
}
