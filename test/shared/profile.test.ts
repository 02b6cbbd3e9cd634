import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, parseProfile } from '../../shared/profile.js';

const fromJson = (text: string) => parseProfile(JSON.parse(text));

describe('parseProfile', () => {
  it('accepts the default profile, also as it comes back from JSON', () => {
    expect(parseProfile(DEFAULT_PROFILE)).toEqual({ ok: true, profile: DEFAULT_PROFILE });
    expect(fromJson(JSON.stringify(DEFAULT_PROFILE))).toEqual({ ok: true, profile: DEFAULT_PROFILE });
  });

  it('the default profile is the ATS Val Padana 2020 call', () => {
    expect(DEFAULT_PROFILE).toMatchObject({
      cofinancingMinPct: '30', coordinationMaxPct: '15', contributionMax: '40000.00', roundingTolerance: '0.01',
    });
  });

  it('accepts another call', () => {
    const other = { ...DEFAULT_PROFILE, id: 'ats-brescia-2021', name: 'ATS Brescia 2021', cofinancingMinPct: '12.5', contributionMax: '35000.00' };
    expect(parseProfile(other)).toEqual({ ok: true, profile: other });
  });

  it.each([
    ['cofinancingMinPct', { cofinancingMinPct: 30 }],
    ['cofinancingMinPct', { cofinancingMinPct: '30%' }],
    ['coordinationMaxPct', { coordinationMaxPct: '15,5' }],
    ['contributionMax', { contributionMax: '40.000,00' }],
    ['contributionMax', { contributionMax: 40000 }],
    ['contributionMax', { contributionMax: '40000' }],
    ['roundingTolerance', { roundingTolerance: null }],
    ['partnerMatchStrong', { partnerMatchStrong: 1.5 }],
    ['partnerMatchWeak', { partnerMatchWeak: '0.5' }],
    ['id', { id: '' }],
    ['name', { name: 42 }],
  ])('names the field %s', (field, patch) => {
    const r = parseProfile({ ...DEFAULT_PROFILE, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(`${field}:`)).toBe(true);
  });

  it('names a missing field', () => {
    const { contributionMax: _, ...rest } = DEFAULT_PROFILE;
    const r = parseProfile(rest);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^contributionMax:/) });
  });

  it('names an unknown field (a typo must not silently fall back to a default)', () => {
    const r = parseProfile({ ...DEFAULT_PROFILE, contributoMax: '30000.00' });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('contributoMax') });
  });

  it.each([[null], [[]], ['profile'], [42], [undefined]])('rejects %j as a whole, with a message', (value) => {
    const r = parseProfile(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^\(profile\): ./);
  });
});
