/**
 * Short news items written for the tests (never the shared articles): five on one invented attack on
 * Solhan, Burkina Faso, on Saturday 8 June 2024 — French and English, different tolls and wordings,
 * published over three days — and one on another attack in Niger.
 */
export interface InventedReport {
  readonly id: string;
  readonly lang: 'fr' | 'en';
  readonly published: string;
  readonly text: string;
}

export const SOLHAN_REPORTS: readonly InventedReport[] = [
  {
    id: 'solhan-1',
    lang: 'fr',
    published: '2024-06-09',
    text: 'Burkina Faso : des hommes armés ont attaqué samedi le village de Solhan, dans la province du Yagha. Au moins 12 civils ont été tués, selon des sources locales.',
  },
  {
    id: 'solhan-2',
    lang: 'fr',
    published: '2024-06-10',
    text: "Le bilan de l'attaque de Solhan s'alourdit : 19 civils ont été tués samedi par des individus armés dans ce village du Yagha, au Burkina Faso.",
  },
  {
    id: 'solhan-3',
    lang: 'en',
    published: '2024-06-09',
    text: "Gunmen killed 15 civilians in an attack on the village of Solhan in Burkina Faso's Yagha province on Saturday, residents said.",
  },
  {
    id: 'solhan-4',
    lang: 'en',
    published: '2024-06-11',
    text: 'At least 19 civilians were killed when armed men attacked Solhan, a village in northeastern Burkina Faso, on Saturday, a local official said.',
  },
  {
    id: 'solhan-5',
    lang: 'fr',
    published: '2024-06-10',
    text: 'Dans la nuit de vendredi à samedi, des assaillants ont attaqué Solhan (Burkina Faso) et tué 19 civils, a indiqué le gouverneur de la région du Sahel.',
  },
];

export const NIGER_REPORT: InventedReport = {
  id: 'niger-1',
  lang: 'fr',
  published: '2024-06-11',
  text: 'Au Niger, des hommes armés ont tué 7 civils lundi dans le village de Tchoma Bangou, dans la région de Tillabéri.',
};
