/**
 * The changes a write makes to both summary tables, the map's incident_cells and the timeline's
 * incident_weeks: every write path gathers them here and applies them in its own transaction.
 */
import { CellDeltas, type CellPoint } from './incident-cells.ts';
import { WeekDeltas } from './incident-weeks.ts';

export class SummaryDeltas {
  readonly cells = new CellDeltas();
  readonly weeks = new WeekDeltas();

  add(p: CellPoint): void {
    this.cells.add(p);
    this.weeks.add(p);
  }

  /** An incident rewritten from `before` to `after`. */
  move(before: CellPoint, after: CellPoint): void {
    this.cells.move(before, after);
    this.weeks.move(before, after);
  }
}
