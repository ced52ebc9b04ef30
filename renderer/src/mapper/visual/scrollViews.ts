import { useSyncExternalStore } from 'react';
import type { ScrollView } from './Lines';

// The two trees' scroll positions live outside React state so scrolling re-renders only the lines
// (and the scrolled tree's own rows), never the whole mapper: at 300 rules that is the difference
// between a 16 ms and a 30 ms frame.

export interface ScrollViews {
  readonly source: ScrollView;
  readonly target: ScrollView;
}

export function createScrollViews() {
  let views: ScrollViews = { source: { top: 0, height: 400 }, target: { top: 0, height: 400 } };
  const listeners = new Set<() => void>();
  return {
    set(side: 'source' | 'target', top: number, height: number) {
      const v = views[side];
      if (v.top === top && v.height === height) return;
      views = { ...views, [side]: { top, height } };
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get: () => views,
  };
}

export type ScrollViewStore = ReturnType<typeof createScrollViews>;

export function useScrollViews(store: ScrollViewStore): ScrollViews {
  return useSyncExternalStore(store.subscribe, store.get);
}
