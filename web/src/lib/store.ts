/** Small shared state with subscribe: the session and the classification of what is on screen. */
import { useEffect, useState } from 'preact/hooks';
import type { Session } from './api.ts';
import type { Classification } from './types.ts';

export class Observable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();
  constructor(value: T) {
    this.#value = value;
  }
  get(): T {
    return this.#value;
  }
  set(value: T): void {
    this.#value = value;
    for (const l of this.#listeners) l(value);
  }
  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}

export function useObservable<T>(observable: Observable<T>): T {
  const [value, setValue] = useState(observable.get());
  useEffect(() => {
    setValue(observable.get());
    return observable.subscribe(setValue);
  }, [observable]);
  return value;
}

/** undefined: not known yet; null: signed out. */
export const session = new Observable<Session | null | undefined>(undefined);

const RANK: Record<Classification, number> = { PUBLIC: 0, AES_RESTRICTED: 1, NATIONAL: 2 };
const shown = new Map<string, readonly Classification[]>();
export const onScreen = new Observable<Classification>('PUBLIC');

/** A panel declares the classifications of the records it shows; the header shows the highest. */
export function declareShown(panel: string, classifications: readonly Classification[]): void {
  shown.set(panel, classifications);
  let top: Classification = 'PUBLIC';
  for (const list of shown.values()) for (const c of list) if (RANK[c] > RANK[top]) top = c;
  onScreen.set(top);
}

export function useDeclareShown(panel: string, classifications: readonly Classification[]): void {
  const key = classifications.join(',');
  useEffect(() => {
    declareShown(panel, classifications);
    return () => declareShown(panel, []);
  }, [panel, key]);
}
