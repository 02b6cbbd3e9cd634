// The re-planning of one project to the grant awarded, as the records hold it: the frame's
// figures, the proposal line by line beside the declared figures, or why there is none.
// The computation is the shared core's (shared/replan); this only turns its result into data.
import type { Budget, Partner, Position } from '../../shared/model.js';
import type { PartnerLink } from '../../shared/partner-match.js';
import type { Profile } from '../../shared/profile.js';
import { proposeReplan, type LineChange, type ReplanFrame, type ReplanStrategy } from '../../shared/replan/index.js';
import type { ReplanLine, ReplanRecord } from '../records.js';

export interface ReplanInput {
  budget: Budget;
  profile: Profile;
  awarded: string | null;
  /** Source line of each grid row of the budget. */
  rowLines: readonly number[];
  partners: readonly Partner[];
  links: readonly PartnerLink[];
  assigned: { amount: string | null; at: Position } | null;
  strategy?: ReplanStrategy;
  /** The frame the checks made at the same award, if they did (it is not made again). */
  frame?: ReplanFrame;
}

export function replanRecord(input: ReplanInput): ReplanRecord {
  const r = proposeReplan(input.budget, input.profile, input.awarded, {
    strategy: input.strategy ?? 'proportional',
    context: { partners: input.partners, links: input.links, assigned: input.assigned },
    // The record keeps the errors (as the reasons a proposal fails) and no other finding.
    findings: 'errors',
    ...(input.frame ? { frame: input.frame } : {}),
  });
  const frame = r.frame;
  const figures =
    frame.status === 'needed' || frame.status === 'not-needed'
      ? {
          requested: frame.requested,
          awarded: frame.awarded,
          total: frame.total,
          newTotal: frame.newTotal,
          cofinancing: frame.cofinancing,
          cofinancingFloor: frame.cofinancingFloor.cents,
          cofinancingFloorExact: frame.cofinancingFloor.exact,
          coordinationCeiling: frame.coordinationCeiling.cents,
          coordinationCeilingExact: frame.coordinationCeiling.exact,
        }
      : {
          requested: null, awarded: null, total: null, newTotal: null, cofinancing: null,
          cofinancingFloor: null, cofinancingFloorExact: null, coordinationCeiling: null, coordinationCeilingExact: null,
        };
  const lineOf = (c: LineChange): ReplanLine => ({
    code: c.code,
    label: c.label,
    declared: c.before,
    proposed: c.after,
    delta: c.delta,
    reason: { it: c.reason.it, en: c.reason.en },
    line: input.rowLines[c.cell.row] ?? null,
  });
  if (!r.ok) {
    return {
      status: frame.status,
      ok: false,
      strategy: input.strategy ?? 'proportional',
      ...figures,
      lines: (r.draft?.changes ?? []).map(lineOf),
      reasons: r.reasons.map((x) => ({ it: x.it, en: x.en })),
      notes: [],
    };
  }
  if (!r.needed) {
    const reasons = r.frame.status === 'not-needed' ? [{ it: r.frame.reason.it, en: r.frame.reason.en }] : [];
    return { status: frame.status, ok: true, strategy: null, ...figures, lines: [], reasons, notes: [] };
  }
  return {
    status: 'needed',
    ok: true,
    strategy: r.strategy,
    ...figures,
    lines: r.changes.map(lineOf),
    reasons: [],
    notes: r.notes.map((x) => ({ it: x.it, en: x.en })),
  };
}
