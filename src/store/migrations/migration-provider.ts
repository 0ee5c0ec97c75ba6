/**
 * The migrations, listed in code rather than found on disk, so that they run the same from a source
 * checkout, a bundle or a test. Names sort in the order they run; never edit one that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import type { DialectSql } from '../dialect-sql.ts';
import { initialMigration } from './0001-initial.ts';
import { reportIncidentsMigration } from './0002-report-incidents.ts';
import { charterWorkflowMigration } from './0003-charter-workflow.ts';
import { auditLogMigration } from './0004-audit-log.ts';
import { identityMigration } from './0005-identity.ts';
import { incidentMergeMigration } from './0007-incident-merge.ts';
import { incidentTimelineMigration } from './0008-incident-timeline.ts';
import { capImportsMigration } from './0011-cap-imports.ts';
import { charterFactsMigration } from './0006-charter-facts.ts';
import { charterCasesMigration } from './0007-charter-cases.ts';
import { assistanceMigration } from './0009-assistance.ts';
import { surgesMigration } from './0012-surges.ts';
import { alertsMigration } from './0010-alerts.ts';
import { yearlyCellsMigration } from './0013-yearly-cells.ts';

export function migrationProvider(dialectSql: DialectSql): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(dialectSql),
    '0002-report-incidents': reportIncidentsMigration(dialectSql),
    '0003-charter-workflow': charterWorkflowMigration(dialectSql),
    '0004-audit-log': auditLogMigration(dialectSql),
    '0005-identity': identityMigration(dialectSql),
    '0007-incident-merge': incidentMergeMigration(dialectSql),
    '0008-incident-timeline': incidentTimelineMigration(dialectSql),
    '0011-cap-imports': capImportsMigration(dialectSql),
    '0006-charter-facts': charterFactsMigration(dialectSql),
    '0007-charter-cases': charterCasesMigration(dialectSql),
    '0009-assistance': assistanceMigration(dialectSql),
    '0012-surges': surgesMigration(dialectSql),
    '0010-alerts': alertsMigration(dialectSql),
    '0013-yearly-cells': yearlyCellsMigration(),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
