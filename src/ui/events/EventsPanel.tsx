/** Live cluster events, like `kubectl get events -w`. */
export function EventsPanel() {
  return <section className="events-panel" aria-label="Events" />;
}
