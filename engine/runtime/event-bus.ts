import type { EngineEvent, EngineEventListener } from '../api/events';

/** Fan-out of engine events to subscribers; a throwing listener never breaks a run. */
export class EventBus {
  // An array replaced on (rare) subscribe and unsubscribe, not a Set: a run emits two events per
  // step, and walking a Set allocated an iterator each time.
  private listeners: readonly EngineEventListener[] = [];

  subscribe(listener: EngineEventListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  emit(event: EngineEvent): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        (listeners[i] as EngineEventListener)(event);
      } catch {
        // A subscriber's failure is its own; the run goes on.
      }
    }
  }
}
