/** UI state that is not the cluster: the selected object, the open panel, filters, theme. */
import { create } from 'zustand';

export interface SelectedObject {
  kind: string;
  namespace: string;
  name: string;
}

export type BottomTab = 'console' | 'events';
export type SideTab = 'editor' | 'details';
export type Theme = 'light' | 'dark';

export interface UiState {
  selected: SelectedObject | undefined;
  bottomTab: BottomTab;
  sideTab: SideTab;
  /** Namespace shown in the graph; '' for all. */
  namespace: string;
  /** Show Deployment -> ReplicaSet -> Pod ownership in the graph. */
  showOwners: boolean;
  theme: Theme;
  select(obj: SelectedObject | undefined): void;
  setBottomTab(tab: BottomTab): void;
  setSideTab(tab: SideTab): void;
  setNamespace(ns: string): void;
  setShowOwners(show: boolean): void;
  setTheme(theme: Theme): void;
}

function initialTheme(): Theme {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('kubeplay.theme') : null;
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useUi = create<UiState>((set) => ({
  selected: undefined,
  bottomTab: 'console',
  sideTab: 'editor',
  // A teacher's default: the student's own workloads, not kube-system's add-ons; '' (all) is one click away.
  namespace: 'default',
  showOwners: false,
  theme: initialTheme(),
  select: (selected) => set(selected ? { selected, sideTab: 'details' } : { selected }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  setSideTab: (sideTab) => set({ sideTab }),
  setNamespace: (namespace) => set({ namespace }),
  setShowOwners: (showOwners) => set({ showOwners }),
  setTheme: (theme) => {
    if (typeof localStorage !== 'undefined') localStorage.setItem('kubeplay.theme', theme);
    set({ theme });
  },
}));
