import { describe, expect, it } from 'vitest';
import { BOX_W, layoutBoxes, POD_H, POD_W, slotPosition, workerBoxSize, controlPlaneBoxSize, queueBoxSize } from '../../src/ui/graph/layout';

describe('graph layout', () => {
  it('puts slots in a grid inside the box, left to right then down', () => {
    expect(slotPosition(0, 80, 2)).toEqual({ x: 6, y: 86 });
    expect(slotPosition(1, 80, 2)).toEqual({ x: 6 + POD_W + 6, y: 86 });
    expect(slotPosition(2, 80, 2)).toEqual({ x: 6, y: 86 + POD_H + 6 });
    const last = slotPosition(1, 0, 2);
    expect(last.x + POD_W).toBeLessThanOrEqual(BOX_W);
  });

  it('grows a box only when its pods need another row', () => {
    expect(workerBoxSize(0)).toEqual(workerBoxSize(4));
    expect(workerBoxSize(5).height).toBeGreaterThan(workerBoxSize(4).height);
    expect(queueBoxSize(0).height).toBeLessThan(queueBoxSize(3).height);
    expect(controlPlaneBoxSize(0).width).toBeGreaterThan(BOX_W);
  });

  it('places workers in name order, three to a row, right of the queue and under the control plane', () => {
    const size = workerBoxSize(0);
    const l = layoutBoxes(controlPlaneBoxSize(0), [
      ['worker-1', size],
      ['worker-2', size],
      ['worker-3', size],
      ['worker-4', size],
    ]);
    const [w1, w2, w3, w4] = ['worker-1', 'worker-2', 'worker-3', 'worker-4'].map((n) => l.workers.get(n)!);
    expect(w1.y).toBe(w2.y);
    expect(w2.y).toBe(w3.y);
    expect(w1.x).toBeLessThan(w2.x);
    expect(w2.x).toBeLessThan(w3.x);
    expect(w4.x).toBe(w1.x);
    expect(w4.y).toBeGreaterThan(w1.y + size.height);
    expect(l.queue.x).toBeLessThan(w1.x);
    expect(l.queue.y).toBe(w1.y);
    expect(l.controlPlane.y + controlPlaneBoxSize(0).height).toBeLessThan(w1.y);
  });

  it('is deterministic', () => {
    const rows = [['b', workerBoxSize(3)] as const, ['a', workerBoxSize(9)] as const];
    expect(layoutBoxes(undefined, rows)).toEqual(layoutBoxes(undefined, rows));
  });
});
