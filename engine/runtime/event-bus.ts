import type { EngineEvent, EngineEventListener } from '../api/events';

/** Fan-out of engine events to subscribers; a throwing listener never breaks a run. */
export class EventBus {
  private readonly listeners = new Set<EngineEventListener>();

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A subscriber's failure is its own; the run goes on.
      }
    }
  }
}
