// @vitest-environment happy-dom
/** The events panel over the mirror: live rows, Warning highlight, filters, count and selecting the object. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { EPOCH_MS } from '../../src/engine/clock';
import { EventsPanel } from '../../src/ui/events/EventsPanel';
import { useCluster } from '../../src/ui/state/cluster-store';
import { useUi } from '../../src/ui/state/ui-store';

const at = (ms: number) => new Date(EPOCH_MS + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function event(ns: string, name: string, type: string, reason: string, obj: string, message: string, first: number, last = first, count = 1) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: { kind: 'Pod', namespace: ns, name: obj },
    type,
    reason,
    message,
    firstTimestamp: at(first),
    lastTimestamp: at(last),
    count,
  };
}

function setEvents(events: ReturnType<typeof event>[], time: number) {
  const byKind = {
    Event: Object.fromEntries(events.map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e])),
    Namespace: { '/default': {}, '/shop': {} },
  } as any;
  useCluster.setState({ status: 'ready', byKind, clock: { time, playing: true, speed: 1 } });
}

const rows = () => [...screen.getByRole('table').querySelectorAll('tbody tr')];

beforeEach(() => {
  useUi.setState({ namespace: '', selected: undefined, sideTab: 'editor' });
  setEvents(
    [
      event('default', 'web-1.a', 'Normal', 'Scheduled', 'web-1', 'Successfully assigned default/web-1 to worker-1', 5_000),
      event('shop', 'db-0.b', 'Warning', 'BackOff', 'db-0', 'Back-off restarting failed container db in pod db-0_shop(1)', 20_000, 90_000, 3),
      event('default', 'web-1.c', 'Normal', 'Pulled', 'web-1', 'Container image "nginx:1.27" already present on machine', 10_000),
    ],
    120_000,
  );
});
afterEach(cleanup);

describe('events panel', () => {
  it('lists events oldest first with kubectl texts, Warnings highlighted, and follows the clock', () => {
    render(<EventsPanel />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(rows().map((r) => r.textContent)).toEqual([
      'default115sNormalScheduledpod/web-1Successfully assigned default/web-1 to worker-1',
      'default110sNormalPulledpod/web-1Container image "nginx:1.27" already present on machine',
      'shop30s (x3 over 100s)WarningBackOffpod/db-0Back-off restarting failed container db in pod db-0_shop(1)',
    ]);
    expect(rows()[2].className).toBe('warning');
    expect(screen.getByRole('status').textContent).toBe('3 events · 1 Warning');
    act(() => useCluster.setState({ clock: { time: 300_000, playing: true, speed: 1 } }));
    expect(rows()[0].textContent).toContain('4m55s');
  });

  it('filters by text, type and namespace', () => {
    render(<EventsPanel />);
    fireEvent.change(screen.getByLabelText('Filter events'), { target: { value: 'nginx' } });
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('1 of 3 events');
    fireEvent.change(screen.getByLabelText('Filter events'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Event type'), { target: { value: 'Warning' } });
    expect(rows().map((r) => r.querySelector('.reason')?.textContent)).toEqual(['BackOff']);
    fireEvent.change(screen.getByLabelText('Event type'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Event namespace'), { target: { value: 'default' } });
    expect(rows()).toHaveLength(2);
    expect(screen.getAllByRole('columnheader')[0].textContent).toBe('LAST SEEN');
  });

  it("follows the graph's namespace until one is picked in the panel", () => {
    render(<EventsPanel />);
    act(() => useUi.setState({ namespace: 'shop' }));
    expect(rows().map((r) => r.querySelector('.object')?.textContent)).toEqual(['pod/db-0']);
    fireEvent.change(screen.getByLabelText('Event namespace'), { target: { value: '' } });
    act(() => useUi.setState({ namespace: 'default' }));
    expect(rows()).toHaveLength(3);
  });

  it('selects the object of an event when clicked', () => {
    render(<EventsPanel />);
    fireEvent.click(screen.getAllByRole('button', { name: 'pod/db-0' })[0]);
    expect(useUi.getState().selected).toEqual({ kind: 'Pod', namespace: 'shop', name: 'db-0' });
    expect(useUi.getState().sideTab).toBe('details');
  });

  it('renders only the newest rows when there are hundreds', () => {
    setEvents(
      Array.from({ length: 450 }, (_, i) => event('default', `e${String(i).padStart(3, '0')}`, 'Normal', 'Created', `p${i}`, 'Created container c', i * 100)),
      60_000,
    );
    render(<EventsPanel />);
    expect(rows()).toHaveLength(300);
    expect(rows()[299].textContent).toContain('pod/p449');
    expect(screen.getByRole('status').textContent).toBe('450 events · newest 300 shown');
  });
});
