/**
 * Validates XML against the OASIS CAP 1.2 schema (test/fixtures/cap/CAP-v1.2.xsd) with libxml2's
 * xmllint compiled to WebAssembly (xmllint-wasm): a real XSD validator, nothing fetched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'cap', 'CAP-v1.2.xsd'), 'utf8');

export async function validateCap(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
