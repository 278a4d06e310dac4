/**
 * The Result JSON as a report reads it (SPEC "Result format"), with the optional fields agreed for
 * this round: a design has `cost` (and the Result `cost_summary`) only when its scenario has
 * prices, and `rto_phases` only when the recovery was split into phases. The report renders a
 * section only when its data is present. Sweep and sensitivity documents are reported too (one
 * section each, their charts and tables).
 */
import type { DesignResult, Result } from '../runner/result.js';
import type { SensitivityResult } from '../runner/sensitivity.js';
import type { SizeResult } from '../runner/size.js';
import type { SweepResult } from '../runner/sweep.js';

export type { CostLine, CostSummary, DesignCost } from '../runner/resultCost.js';

/** `designs[i].rto_phases`: the RTO split along the critical path, mean over recovered replications (s). */
export type RtoPhases = Array<{ phase: string; mean_s: number; share: number }>;

/** A design as the report reads it (its cost is `DesignResult['cost']`, from src/cost). */
export type ReportDesign = DesignResult & { rto_phases?: RtoPhases };

/** A Result as the report reads it. */
export type ReportResult = Omit<Result, 'designs'> & { designs: ReportDesign[] };

/** A Result read from a file: `source` is the path it came from, as the user wrote it. */
export interface SourcedResult {
  source: string;
  result: ReportResult;
}

/** A sweep document (`sweep --json`) read from a file. */
export interface SourcedSweep {
  source: string;
  sweep: SweepResult;
}

/** A sensitivity document (`sensitivity --json`) read from a file. */
export interface SourcedSensitivity {
  source: string;
  sensitivity: SensitivityResult;
}

/** A size search (`size --json`) read from a file. */
export interface SourcedSize {
  source: string;
  size: SizeResult;
}

/** Any document a report renders: a Result, a sweep, a sensitivity analysis or a size search. */
export type SourcedDocument = SourcedResult | SourcedSweep | SourcedSensitivity | SourcedSize;
