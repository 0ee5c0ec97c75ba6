/** The treaties shipped in data/treaties, read and checked once per process. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Treaty } from '../domain/treaty.ts';
import { parseTreaty, TreatyFileError } from './treaty-file.ts';

/** The repository's data/treaties folder. */
export const TREATIES_DIR = join(import.meta.dirname, '..', '..', 'data', 'treaties');

/** The treaty the product is about, and the default of every command that takes --treaty. */
export const DEFAULT_TREATY_ID = 'liptako-gourma-charter';

/** Reads every *.json of a folder as a treaty; the file name must be the treaty's id. */
export function readTreaties(dir: string): Treaty[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new TreatyFileError(
        shown,
        '',
        `not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    const treaty = parseTreaty(json, shown);
    if (`${treaty.id}.json` !== f)
      throw new TreatyFileError(shown, 'id', `"${treaty.id}" does not match the file name`);
    return treaty;
  });
}

let shipped: readonly Treaty[] | null = null;

/** The shipped treaties, the Liptako-Gourma Charter first. */
export function loadTreaties(): readonly Treaty[] {
  shipped ??= readTreaties(TREATIES_DIR).sort(
    (a, b) => Number(b.id === DEFAULT_TREATY_ID) - Number(a.id === DEFAULT_TREATY_ID),
  );
  return shipped;
}

/** A shipped treaty by id, or null. */
export function findTreaty(id: string): Treaty | null {
  return loadTreaties().find((t) => t.id === id) ?? null;
}
