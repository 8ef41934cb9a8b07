/** The right-click menu: the object's actions (or, on the background, adding a node), plus showing its details. */
import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui-store';
import { ActionList } from './ActionList';
import type { ObjectRef } from './graph-types';
import { AddNodeButton } from './GraphToolbar';

export interface MenuState {
  x: number;
  y: number;
  /** undefined for the empty background. */
  target: ObjectRef | undefined;
}

export function ContextMenu({ menu, onClose }: { menu: MenuState; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      window.removeEventListener('keydown', key);
    };
  }, [menu, onClose]);

  const { target } = menu;
  return (
    <div
      ref={ref}
      className="graph-menu"
      role="menu"
      aria-label={target ? `${target.kind} ${target.name} actions` : 'Cluster actions'}
      style={{ left: menu.x, top: menu.y }}
    >
      {target ? (
        <>
          <div className="graph-menu-title">
            {target.kind.toLowerCase()}/{target.name}
          </div>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              useUi.getState().select(target);
              onClose();
            }}
          >
            Show details
          </button>
          <ActionList target={target} onDone={onClose} role="menuitem" />
        </>
      ) : (
        <AddNodeButton onDone={onClose} role="menuitem" />
      )}
    </div>
  );
}
