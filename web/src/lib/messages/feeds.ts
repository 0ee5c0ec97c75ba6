/** The feeds and exports labels, French first; i18n.ts merges them into the one dictionary. */
export const feedsFr = {
  'exports.menu': 'Exporter',
  'exports.hint': 'Tous les incidents des filtres en cours (pays, région, type, période…), selon vos droits.',
  'exports.geojson': 'GeoJSON (carte, SIG)',
  'exports.csv': 'CSV avec étiquettes HXL',
  'exports.acled': 'CSV aux colonnes ACLED',
  'exports.feeds': 'Flux',
  'exports.feed_cap': 'Alertes CAP 1.2 (Atom)',
  'exports.feed_atom': 'Incidents publics vérifiés (Atom)',
} as const;

export const feedsEn: Record<keyof typeof feedsFr, string> = {
  'exports.menu': 'Export',
  'exports.hint':
    'Every incident of the current filters (country, region, type, period…), as your rights allow.',
  'exports.geojson': 'GeoJSON (maps, GIS)',
  'exports.csv': 'CSV with HXL hashtags',
  'exports.acled': 'CSV in ACLED columns',
  'exports.feeds': 'Feeds',
  'exports.feed_cap': 'CAP 1.2 alerts (Atom)',
  'exports.feed_atom': 'Public verified incidents (Atom)',
};
