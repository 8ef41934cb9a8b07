/** Console history: Up/Down like a shell, kept in localStorage across reloads. */
import { describe, expect, it } from 'vitest';
import { History } from '../../src/ui/console/history';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

describe('console history', () => {
  it('Up recalls earlier commands, Down comes back to the line being typed', () => {
    const h = new History(memoryStorage());
    h.push('kubectl get nodes');
    h.push('kubectl get pods');
    expect(h.up('kubectl des')).toBe('kubectl get pods');
    expect(h.up('kubectl get pods')).toBe('kubectl get nodes');
    expect(h.up('kubectl get nodes')).toBeUndefined();
    expect(h.down()).toBe('kubectl get pods');
    expect(h.down()).toBe('kubectl des');
    expect(h.down()).toBeUndefined();
  });

  it('stores an immediate repeat once and survives a reload', () => {
    const storage = memoryStorage();
    const h = new History(storage);
    h.push('kubectl get pods');
    h.push('kubectl get pods');
    h.push('  ');
    h.push('kubectl get nodes');
    const reloaded = new History(storage);
    expect(reloaded.all()).toEqual(['kubectl get pods', 'kubectl get nodes']);
    expect(reloaded.up('')).toBe('kubectl get nodes');
  });

  it('ignores a corrupt stored history', () => {
    const storage = memoryStorage();
    storage.setItem('kubeplay.console.history', '{not json');
    expect(new History(storage).all()).toEqual([]);
  });
});
