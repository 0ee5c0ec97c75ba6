/**
 * Heuristics over GeoNames names. The per-country dumps carry alternate names without their language
 * (that is only in alternateNames.zip, which the shared folder lacks), so French forms are recognised by
 * their wording: an administrative or geographic generic term in French ("Cercle de Ménaka", "Région de
 * Ségou", "Forêt de …"), or failing that the accented spelling of the name itself ("Ségou" for "Segou").
 */
import { foldName } from '../../src/domain/place.ts';

/** True for a name written in Latin script (accented letters included), false for Arabic, Cyrillic, CJK… */
export function isLatinName(name: string): boolean {
  return (
    /\p{Script=Latin}/u.test(name) && !/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(name)
  );
}

function accentCount(name: string): number {
  return name.normalize('NFD').replace(/[^\p{M}]/gu, '').length;
}

/** Accented letters of French spelling; tone-marked forms such as "Bùrkínà Fasò" are not French. */
const FRENCH_LETTERS = /^[\p{ASCII}éèêëàâäîïôöùûüÿçœæÉÈÊËÀÂÄÎÏÔÖÙÛÜŸÇŒÆ’]*$/u;

/** Administrative units: the generic needs its French article ("Cercle de", "Province du"). */
const FRENCH_ADMIN =
  /^(Région|Region|Province|Cercle|Département|Departement|District|Commune|Ville|Arrondissement|Préfecture|Prefecture) (de la |de l[’'] ?|du |des |de |d[’'] ?)(?=\S)/i;
/** Natural and built features: French generic terms that English does not use. */
const FRENCH_FEATURE =
  /^(Fleuve|Rivière|Riviere|Lac|Mare|Massif|Forêt|Foret|Réserve|Reserve|Parc national|Île|Ile|Aéroport|Aeroport|Barrage|Falaise|Falaises|Mont|Monts|Vallée|Colline|Collines|Puits|Oued|Plaine) (de la |de l[’'] ?|du |des |de |d[’'] ?)?(?=\S)/i;

/** Drops invisible format characters (GeoNames has stray U+200E marks) and repeated spaces. */
export function cleanName(name: string): string {
  return name
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function tidy(name: string): string {
  return cleanName(name).replace(/([’'])\s+/g, '$1');
}

/** Folded, without spaces: "Ti-n-Essako" and "Tin-Essako" compare equal. */
const squash = (name: string): string => foldName(name).replace(/ /g, '');

/** Best of several spellings: the most accented (French keeps its accents), then the shortest, then A–Z. */
function best(names: readonly string[]): string | null {
  const sorted = [...names].sort(
    (a, b) => accentCount(b) - accentCount(a) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  return sorted[0] ?? null;
}

/**
 * The French name of a GeoNames feature, or its name when no French form is recognised. A name already
 * in French form ("Ville de Maradi") is kept, accented where an alternate is; otherwise a French form is
 * taken only when it names the same thing ("Cercle de Tin-Essako" for "Ti-n-Essako", not "Province du
 * Naouri" for "Nahouri Province").
 */
export function frenchNameOf(name: string, alternates: readonly string[], featureClass: string): string {
  const pattern = featureClass === 'A' ? FRENCH_ADMIN : FRENCH_FEATURE;
  const all = [name, ...alternates].map(tidy);
  // Another spelling of the same name only when it adds French accents ("Ségou" for "Segou").
  const accented = (n: string): string => {
    const folded = foldName(n);
    const more = all.filter(
      (x) => foldName(x) === folded && FRENCH_LETTERS.test(x) && accentCount(x) > accentCount(n),
    );
    return best(more) ?? n;
  };
  if (pattern.test(tidy(name))) return accented(tidy(name));
  const core = squash(name);
  const french = all.filter((n) => {
    if (!pattern.test(n) || !FRENCH_LETTERS.test(n)) return false;
    const rest = squash(n.replace(pattern, ''));
    return rest !== '' && (core.includes(rest) || rest.includes(core));
  });
  return best(french) ?? accented(name);
}

/**
 * The alternate names worth keeping: Latin script only, none equal (after folding) to the name, the
 * ASCII name, the French name or an earlier kept one; of equal folded forms the most accented is kept.
 */
export function keptAlternateNames(
  name: string,
  asciiName: string,
  nameFr: string,
  alternates: readonly string[],
): string[] {
  const taken = new Set([name, asciiName, nameFr].map(foldName));
  const byFold = new Map<string, string[]>();
  for (const alt of alternates) {
    const n = cleanName(alt);
    if (n === '' || !isLatinName(n)) continue;
    const folded = foldName(n);
    if (folded === '' || taken.has(folded)) continue;
    const group = byFold.get(folded);
    if (group === undefined) byFold.set(folded, [n]);
    else group.push(n);
  }
  return [...byFold.values()].map((group) => best(group) ?? '').filter((n) => n !== '');
}
