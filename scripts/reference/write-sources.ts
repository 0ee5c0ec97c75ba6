import type { ReferenceActor } from '../../src/reference/reference-actor.ts';
import type { ReferenceAdminUnit } from '../../src/reference/reference-admin-unit.ts';
import type { ActorReport } from './build-actors.ts';
import type { GazetteerCorrection, GazetteerReport } from './build-gazetteer.ts';
import { OUTLINE_SOURCE } from './build-outlines.ts';
import { CHARTER_IN_FORCE } from './build-parties.ts';

/** GeoNames' licence asks for this sentence wherever its data is shown or shipped. */
export const GEONAMES_ATTRIBUTION = 'Contains data from GeoNames (geonames.org), CC BY 4.0';

export interface SourcesFacts {
  readonly inputs: readonly { readonly name: string; readonly sha256: string }[];
  readonly gazetteer: GazetteerReport;
  readonly adminUnits: readonly ReferenceAdminUnit[];
  readonly countries: number;
  readonly actors: readonly ReferenceActor[];
  readonly actorReport: ActorReport;
  readonly corrections: readonly GazetteerCorrection[];
  readonly outlineCountries: readonly string[];
}

const list = (o: Readonly<Record<string, number>>): string =>
  Object.entries(o)
    .map(([k, n]) => `\`${k}\` (${n})`)
    .join(', ') || 'none';

function count<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

/** data/reference/SOURCES.md: provenance, licences, build command and caveats, with the build's figures. */
export function writeSources(f: SourcesFacts): string {
  const admin1 = f.adminUnits.filter((u) => u.level === 1);
  const admin2 = f.adminUnits.filter((u) => u.level === 2);
  const byInter = count(
    [...f.actors].sort((a, b) => a.inter - b.inter),
    (a) => `inter ${a.inter}:`,
  );
  const shared = Object.entries(f.actorReport.sharedNames)
    .map(([name, keys]) => `\`${name}\` (${keys.join(', ')})`)
    .join('; ');
  return `# Reference data: sources, licences, build

This folder is written by \`npm run build:reference\` (scripts/build-reference.ts). Do not edit it by hand:
change the inputs under scripts/reference/ and rebuild. The same inputs give byte-identical files.

**${GEONAMES_ATTRIBUTION}.** Country outlines: Natural Earth (public domain) via the world-atlas package.
Country names: i18n-iso-countries (MIT).

## Files

| file | content | source | licence |
| --- | --- | --- | --- |
| \`parties.json\` | Mali, Burkina Faso, Niger: ISO2/ISO3, EN/FR names, membership from ${CHARTER_IN_FORCE} (Liptako-Gourma Charter, in force on signature) | i18n-iso-countries names | MIT |
| \`countries.json\` | ${f.countries} countries: ISO2, ISO3, numeric, EN/FR names, aliases incl. ACLED's spellings | i18n-iso-countries 7.x + scripts/reference/acled-country-names.json | MIT |
| \`admin-units.json\` | ${admin1.length} admin-1 and ${admin2.length} admin-2 units with EN/FR names, geonameId, approximate centroid | GeoNames admin1CodesASCII / admin2Codes (about December 2020) + gazetteer | CC BY 4.0 |
| \`gazetteer.tsv\` | ${f.gazetteer.rows} GeoNames features of the three states | GeoNames ML (2023), BF (2025), NE (2014) dumps | CC BY 4.0 |
| \`country-outlines.geojson\` | outlines of ${f.outlineCountries.join(', ')} with ISO3 and EN/FR names | ${OUTLINE_SOURCE} (Natural Earth 1:10m) | public domain data; world-atlas ISC |
| \`actors.json\` | ${f.actors.length} actors (${f.actorReport.curated} curated, ${f.actorReport.generated} generated from ACLED name shapes) | scripts/reference/actors.source.json + actor names and keys of shared/data/actor-aliases.json | project's own |

Nothing here is an ACLED event row or a news text: from the shared actor table only actor names and keys
were used.

## Build

\`\`\`
npm run build:reference                      # reads ../shared/data/geo and ../shared/data/actor-aliases.json
npm run build:reference -- /path/to/geo      # or LIPTAKO_SHARED_GEO=/path/to/geo
npm run build:reference -- --out /tmp/ref    # write elsewhere (the determinism test does)
\`\`\`

Nothing is downloaded: the build reads the shared folder and the npm packages world-atlas,
i18n-iso-countries and topojson-client. The application and the tests read only this folder.

Inputs of this build (sha256):

${f.inputs.map((i) => `- \`${i.name}\` ${i.sha256}`).join('\n')}

## Gazetteer (\`gazetteer.tsv\`)

UTF-8, tab-separated, a \`#\` comment line with the attribution, then a header line. Columns: geonameId,
name, asciiName and nameFr (empty when equal to the name), alternateNames (\`|\`-separated), latitude,
longitude, featureClass, featureCode, country (ISO3), admin1 and admin2 (full GeoNames codes such as
\`ML.04\` and \`ML.04.7670549\`; empty when unknown), population (empty for 0). Sorted by geonameId.

- **Kept:** every feature of every class (P, H, T, L, S, V, A, R). Dropped: elevation, DEM, timezone,
  cc2, admin3/4 codes, modification date.
- **Alternate names:** Latin script only (accented letters kept; Arabic, Cyrillic, CJK… dropped), and of
  names that fold to the same form (case and accents ignored) only the most accented one, none repeating
  the name, ASCII name or French name.
- **French names** are inferred: the per-country dumps have no language tags. A French form is an
  alternate name with a French generic term naming the same thing ("Région de Ségou", "Cercle de
  Tin-Essako", "Province du Zoundwéogo", "Forêt de …", "Mont …"), else the name with French accents
  where an alternate spells it so ("Zayé" for "Zaye"), else the name. ${f.gazetteer.frenchNames} rows have a French name that differs
  from their name.
- **Corrections** (scripts/reference/gazetteer-corrections.json): ${
    f.corrections.map((c) => `${c.name} ${c.geonameId}: ${JSON.stringify(c.set)} — ${c.reason}`).join(' ') ||
    'none'
  }
- **Admin codes:** "00" and empty become empty. ${f.gazetteer.admin1FromAdmin2.length} rows took their
  admin-1 code from their admin-2 unit, whose code list places it elsewhere (geonameIds ${f.gazetteer.admin1FromAdmin2.join(', ') || '—'};
  e.g. Niger's Tillabéri departments written with Niamey's 08). Codes absent from the admin-1 list are
  kept as written and belong to no unit: ${list(f.gazetteer.unknownAdmin1)}. Admin-2 codes absent from the
  list: ${list(f.gazetteer.unknownAdmin2)}.

## Admin units (\`admin-units.json\`)

- ${count(admin1, (u) => u.country)} admin-1 units; ${count(admin2, (u) => u.country)} admin-2 units.
- English name: the GeoNames code list's name. French name: a French form among the alternate names of the
  unit's own GeoNames feature when one names it, else the name.
- Centroid (approximate, \`centroidBasis\`): the mean of the gazetteer's populated places carrying the unit's
  code when there are at least 5; else the unit's own GeoNames point; else the mean of fewer places or of
  other features; else none. Counts: ${count(f.adminUnits, (u) => u.centroidBasis ?? 'none')}. Units
  without coordinates are Niger departments created after the 2014 Niger snapshot.
- **Caveats.** Niger uses GeoNames' old admin-1 codes (01 Agadez, 02 Diffa, 03 Dosso, 04 Maradi,
  06 Tahoua, 07 Zinder, 08 Niamey, 09 Tillabéri) and its gazetteer rows are a 2014 snapshot (villages
  added later, such as Inates, are missing; almost no row carries an admin-2 code). Mali's Taoudénit
  (\`ML.12070575\`) and Ménaka (\`ML.12070577\`) have geonameid-style codes; most places of the Taoudénit
  region are still coded Tombouctou, and Mali's 2023 reorganisation (19 regions and Bamako) is not in
  GeoNames. Burkina Faso's provisional codes (\`x15\`…\`x44\`, \`16\`, \`24\`, \`31\`, \`85\`, apparently the
  July 2025 reform into 17 regions and 47 provinces) are in no list: they are skipped as units, their
  places keep the code, and \`Gazetteer.adminFor\` ignores them.

## Country outlines (\`country-outlines.geojson\`)

From ${OUTLINE_SOURCE}, converted with topojson-client. The 1:10m file was chosen over 1:50m: along the
Mali, Burkina Faso and Niger borders 1:50m strays from 1:10m by 1–1.8 km on average and up to 13 km,
too much for telling on which side of a border an event lies. Coordinates are rounded to 4 decimals
(11 m), finer than the source's quantisation. Properties: iso3, iso2, name {en, fr}, party. world-atlas
ids are ISO 3166-1 numeric codes, mapped to ISO3 through i18n-iso-countries.

## Countries (\`countries.json\`)

All ${f.countries} countries of i18n-iso-countries (EN and FR: the first name is the name, the others
aliases), plus ACLED's English spellings where they differ (scripts/reference/acled-country-names.json:
"Ivory Coast", "Democratic Republic of Congo", "Republic of Congo", "eSwatini", "Cape Verde"…) and a few
usual French forms ("Côte d'Ivoire"; the library writes "Côte-d'Ivoire"). Kosovo is XKK as the library
has it (ACLED uses XKX).

## Actors (\`actors.json\`)

${f.actorReport.curated} curated actors (scripts/reference/actors.source.json, whose \`_doc\` explains the
inter codes and designations) and ${f.actorReport.generated} generated from the generic shapes of ACLED names
("X Communal Militia (Country)", "Civilians (Country)", "Military Forces of Country"…) for the
${f.actorReport.sharedAcledNames} ACLED names of shared/data/actor-aliases.json and the parties' generic
names. The build fails when an ACLED name of the shared table resolves to nothing, or when a shared name
resolves to an actor other than the table's key (or a group containing it) without an entry in
\`knownDifferences\`. By inter code: ${byInter}.

Names shared by several actors, resolved only when the caller gives a country: ${shared || 'none'}.

Caveats: the events sample has no inter columns, so inter codes follow ACLED's codebook and published
practice rather than the sample; ACLED codes a state's forces 8 outside their own country, the registry
gives each actor's usual code. ACLED spellings not in the shared table (Boko Haram's full name, current
period suffixes) are from ACLED's actor lists as remembered; look-ups strip period suffixes and fall back
from a sub-unit to its force, so new periods resolve without a rebuild.
`;
}
