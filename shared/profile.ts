// A call profile: the thresholds of one call for proposals. Analysts may pass their own JSON.
import { z } from 'zod';
import { MAX_READABLE_AMOUNT } from './amounts.js';
import { AmountString } from './model.js';

/** 100 million euro: the default ceiling of a plausible budget amount. */
export const DEFAULT_MAX_PLAUSIBLE_AMOUNT = '100000000.00';

const Pct = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as "30" or "12.5"');

export const Profile = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  cofinancingMinPct: Pct,
  coordinationMaxPct: Pct,
  contributionMax: AmountString,
  /** A cofinancing shortfall smaller than this is rounding: a warning, not an error. */
  roundingTolerance: AmountString,
  /** Partner-name similarity (0-1) at or above which a cofinancer counts as matched. */
  partnerMatchStrong: z.number().min(0).max(1),
  /** Below this the cofinancer has no partner at all. */
  partnerMatchWeak: z.number().min(0).max(1),
  /**
   * No amount of a budget is larger than this (a whole project, let alone a line): an amount
   * beyond it is read as unreadable (amount-unreadable), never as a figure. Optional in a
   * profile file; at most MAX_READABLE_AMOUNT.
   */
  maxPlausibleAmount: AmountString
    .refine((v) => !v.startsWith('-') && Number(v) > 0 && Number(v) <= Number(MAX_READABLE_AMOUNT), `a positive amount up to ${MAX_READABLE_AMOUNT}`)
    .default(DEFAULT_MAX_PLAUSIBLE_AMOUNT),
}).strict();
export type Profile = z.infer<typeof Profile>;

export const DEFAULT_PROFILE: Profile = {
  id: 'ats-val-padana-2020',
  name: 'ATS Val Padana - Alleanze Locali di Conciliazione 2020',
  cofinancingMinPct: '30',
  coordinationMaxPct: '15',
  contributionMax: '40000.00',
  roundingTolerance: '0.01',
  partnerMatchStrong: 0.8,
  partnerMatchWeak: 0.5,
  maxPlausibleAmount: DEFAULT_MAX_PLAUSIBLE_AMOUNT,
};

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; error: string };

/** Validate a profile object (already parsed from JSON); the error names the offending field. */
export function parseProfile(value: unknown): ProfileResult {
  const r = Profile.safeParse(value);
  if (r.success) return { ok: true, profile: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || '(profile)'}: ${issue.message}` };
}
