import { join } from 'node:path';

/** The repository's data/reference folder: the build writes it, the loaders read it. */
export const REFERENCE_DIR = join(import.meta.dirname, '..', '..', 'data', 'reference');

/** File names inside a reference folder, shared by the build and the loaders. */
export const REFERENCE_FILES = {
  parties: 'parties.json',
  countries: 'countries.json',
  adminUnits: 'admin-units.json',
  gazetteer: 'gazetteer.tsv',
  outlines: 'country-outlines.geojson',
  actors: 'actors.json',
  sources: 'SOURCES.md',
} as const;
