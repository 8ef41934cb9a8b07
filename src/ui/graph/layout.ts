/**
 * The graph's deterministic grid, shaped for a landscape pane. Row 0: the control plane, then ingresses and
 * services. Row 1 on: the scheduler queue in column 0 and worker nodes in columns 1..WORKER_COLUMNS, ordered by
 * name. Below the workers, the owners (ReplicaSets and the like, then Deployments) when shown. Pods sit in slots
 * inside their box. Every place depends only on what is in that place's row or column, so a change elsewhere
 * moves nothing.
 */
export const POD_W = 120;
export const POD_H = 46;
export const POD_GAP = 6;
/** Pod columns in a worker box and in the queue. */
export const BOX_COLS = 2;
/** Pod columns in the control-plane box (wider, to hold its four components side by side). */
export const CP_COLS = 4;
export const boxWidth = (cols: number) => cols * POD_W + (cols + 1) * POD_GAP;
export const BOX_W = boxWidth(BOX_COLS);
export const CP_W = boxWidth(CP_COLS);
/** Name, status line and badges. */
export const NODE_HEADER_H = 82;
/** The control plane's four components under its header. */
export const COMPONENTS_H = 52;
export const QUEUE_HEADER_H = 40;
export const COL_GAP = 40;
export const ROW_GAP = 50;
export const TOP_ITEM_W = 220;
export const TOP_ITEM_H = 74;
export const TOP_ITEM_GAP = 30;
export const WORKER_COLUMNS = 3;
export const OWNER_W = 220;
export const OWNER_H = 60;
export const OWNER_GAP = 30;

export interface Size {
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

/** Where slot `slot` sits inside a box of `cols` pod columns whose slots start `top` pixels down. */
export function slotPosition(slot: number, top: number, cols: number): Point {
  const col = slot % cols;
  const row = Math.floor(slot / cols);
  return {
    x: POD_GAP + col * (POD_W + POD_GAP),
    y: top + POD_GAP + row * (POD_H + POD_GAP),
  };
}

/** Height of the slot area for `slots` slots in `cols` columns, at least `minRows` rows. */
export function slotsHeight(slots: number, cols: number, minRows: number): number {
  const rows = Math.max(minRows, Math.ceil(slots / cols));
  return POD_GAP + rows * (POD_H + POD_GAP);
}

export function workerBoxSize(slots: number): Size {
  return {
    width: BOX_W,
    height: NODE_HEADER_H + slotsHeight(slots, BOX_COLS, 2),
  };
}

export function controlPlaneBoxSize(slots: number): Size {
  return {
    width: CP_W,
    height: NODE_HEADER_H + COMPONENTS_H + slotsHeight(slots, CP_COLS, 1),
  };
}

export function queueBoxSize(slots: number): Size {
  return {
    width: BOX_W,
    height: QUEUE_HEADER_H + slotsHeight(slots, BOX_COLS, 1),
  };
}

export interface BoxLayout {
  controlPlane: Point;
  queue: Point;
  workers: Map<string, Point>;
  /** The y just below the lowest worker box. */
  bottom: number;
  /** Where row 0's items after the control plane start. */
  topRowX: number;
}

/**
 * Places the control plane at the top left, the queue under it, and the workers (already sorted by name) in rows
 * of WORKER_COLUMNS to the right of the queue; a row is as tall as its tallest box.
 */
export function layoutBoxes(controlPlane: Size | undefined, workers: ReadonlyArray<readonly [string, Size]>): BoxLayout {
  const rowY = Math.max(controlPlane?.height ?? 0, TOP_ITEM_H) + ROW_GAP;
  const workersX = BOX_W + COL_GAP;
  const positions = new Map<string, Point>();
  let y = rowY;
  for (let i = 0; i < workers.length; i += WORKER_COLUMNS) {
    const row = workers.slice(i, i + WORKER_COLUMNS);
    row.forEach(([name], j) => positions.set(name, { x: workersX + j * (BOX_W + COL_GAP), y }));
    y += Math.max(...row.map(([, s]) => s.height)) + ROW_GAP;
  }
  return {
    controlPlane: { x: 0, y: 0 },
    queue: { x: 0, y: rowY },
    workers: positions,
    bottom: Math.max(y - ROW_GAP, rowY),
    topRowX: (controlPlane ? CP_W : 0) + COL_GAP * 2,
  };
}

/** Items of row 0 (ingresses, then services), left to right after the control plane. */
export function topRowPosition(index: number, topRowX: number): Point {
  return { x: topRowX + index * (TOP_ITEM_W + TOP_ITEM_GAP), y: 0 };
}

/** Owners: level 1 (ReplicaSet, DaemonSet, ...) in the first row under the workers, level 2 (Deployment, CronJob) below. */
export function ownerPosition(level: 1 | 2, index: number, bottom: number): Point {
  return {
    x: BOX_W + COL_GAP + index * (OWNER_W + OWNER_GAP),
    y: bottom + ROW_GAP + (level - 1) * (OWNER_H + ROW_GAP),
  };
}
