/** Reference data fetched once per page: taxonomy (with French labels) and basemap labels. */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { registerTypeLabels } from './i18n.ts';
import type { Labels, Taxonomy } from './types.ts';

let taxonomy: Promise<Taxonomy> | null = null;
let labels: Promise<Labels> | null = null;

export function loadTaxonomy(): Promise<Taxonomy> {
  taxonomy ??= api.get<Taxonomy>('/api/reference/taxonomy').then((tx) => {
    registerTypeLabels(
      tx.event_types.flatMap((e) => [
        [e.name, e.fr] as [string, string],
        ...e.sub_event_types.map((s) => [s.name, s.fr] as [string, string]),
      ]),
    );
    return tx;
  });
  taxonomy.catch(() => (taxonomy = null));
  return taxonomy;
}

export function loadLabels(): Promise<Labels> {
  labels ??= api.get<Labels>('/api/reference/labels');
  labels.catch(() => (labels = null));
  return labels;
}

export function useReference(): { taxonomy: Taxonomy | null; labels: Labels | null } {
  const [tx, setTx] = useState<Taxonomy | null>(null);
  const [lb, setLb] = useState<Labels | null>(null);
  useEffect(() => {
    loadTaxonomy().then(setTx, () => undefined);
    loadLabels().then(setLb, () => undefined);
  }, []);
  return { taxonomy: tx, labels: lb };
}
