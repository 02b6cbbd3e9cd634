import { describe, expect, it } from 'vitest';
import { readBudget } from '../../shared/budget-reader.js';
import type { Partner } from '../../shared/model.js';
import { linkPartner, nameForms, partnerSimilarity, preparePartners, similarity } from '../../shared/partner-match.js';
import { DEFAULT_PROFILE } from '../../shared/profile.js';
import { seedBudgetGrids, seedPartners } from '../fixtures/seed.js';

const partner = (seq: number, name: string): Partner => ({ seq, name, type: '', role: '', referent: '', email: '', phone: '', line: seq });
const partners = (...names: string[]) => names.map((n, i) => partner(i + 1, n));
const link = (entity: string, ps: Partner[]) => linkPartner(entity, ps, DEFAULT_PROFILE);

// Partner tables of the seed, copied by hand (names as the table's first column gives them).
const P21 = partners(
  'Comune di Borgo Virgilio', 'Comune di Mantova', 'Comune di Gazoldo degli Ippoliti', 'Consorzio Progetto Solidarietà',
  "ASPA – Azienda Servizi alla Persona dell'Asolano", 'Novellini Spa', "Lubiam moda per l'uomo Spa", 'Italia Alimentari Spa',
  'Re.Le.Vi. Spa', 'Connecthub Srl ( ex Thun Logistics Srl)', 'Copiaincolla.com Srl',
);
const P22 = partners(
  'Socialis', 'Ospedale di Suzzara', 'RSA Boni', 'RSA BOVI', 'RSA Ospedale di Gonzaga', 'RSA I Tulipani', 'RSA S. Benedetto Po', 'RSA P Sissa',
);
const P23 = partners(
  'CAMERA DI COMMERCIO DI MANTOVA', 'CAMERA DI COMMERCIO DI CREMONA', 'COMUNE DI MANTOVA',
  "CONSORZIO PROGETTO SOLIDARIETA' DI MANTOVA - COPROSOL", 'PROVINCIA DI MANTOVA', 'PROMOIMPRESA-BORSA MERCI',
);
const P24 = partners(
  'COSPER Società Cooperative Sociale', 'Altana - <i>Partner attuativo</i>', 'ASST di CREMA - <i>Partner istituzionale</i>',
  'Aurora - <i>Partner attuativo</i>', 'AUSER Volontariato Comprensorio di Cremona <i>Partner istituzionale</i>',
  'Comune di Crema - <i>Partner istituzionale</i>',
);
const P25 = partners('Comune di Cremona', 'Azienda Sociale Cremonese', 'Auser Comprensorio Cremona', 'Cosper Società Cooperativa Sociale');
const P26 = partners('COOP SANTA FEDERICI', 'COOP IL CERCHIO', 'COOP PG FRASSATI', 'COOP AGORà', "COOP L'INCONTRO", 'COOP PAPA GIOVANNI XXIII');
const P27 = partners(
  'CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI CREMONA', 'CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA',
  'COMUNE DI CREMA', 'CONSORZIO CASALASCO SERVIZI SOCIALI (CONCASS)',
);

describe('linkPartner: pairs from the seed', () => {
  it.each([
    ['COMUNE DI BORGIO VIRGILIO', P21, 'Comune di Borgo Virgilio'],
    ['THUN LOGISTCS', P21, 'Connecthub Srl ( ex Thun Logistics Srl)'],
    ['RELEVI', P21, 'Re.Le.Vi. Spa'],
    ['COPIAINCOLLA', P21, 'Copiaincolla.com Srl'],
    ['COMUNE DI GAZZOLDO DEGLI IPPOLITI', P21, 'Comune di Gazoldo degli Ippoliti'],
    ['LUBIAM', P21, "Lubiam moda per l'uomo Spa"],
    ['RSA Pietro Sissa', P22, 'RSA P Sissa'],
    ['Fondazione Boni', P22, 'RSA Boni'],
    ['Azienda Consortile Socialis', P22, 'Socialis'],
    ['RSA S. Benedetto', P22, 'RSA S. Benedetto Po'],
    ['Ospedale di Gonzaga', P22, 'RSA Ospedale di Gonzaga'],
    ['PROMOIMPRESA- BORSA MERCÌ', P23, 'PROMOIMPRESA-BORSA MERCI'],
    ['CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA', P23, 'CAMERA DI COMMERCIO DI MANTOVA'],
    ['CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI CREMONA', P23, 'CAMERA DI COMMERCIO DI CREMONA'],
    ['Coop. Cospes', P24, 'COSPER Società Cooperative Sociale'],
    ['Coop. Altana', P24, 'Altana - <i>Partner attuativo</i>'],
    ['Auser', P24, 'AUSER Volontariato Comprensorio di Cremona <i>Partner istituzionale</i>'],
    ['Azienda sociale del Cremonese', P25, 'Azienda Sociale Cremonese'],
    ["COOP AGORA'", P26, 'COOP AGORà'],
    ['COOP CERCHIO', P26, 'COOP IL CERCHIO'],
    ['COOP PAPA GIOVANNI', P26, 'COOP PAPA GIOVANNI XXIII'],
    ['CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA', P27, 'CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA'],
    ['CONSORZIO CASALASCO SERVIZI SOCIALI', P27, 'CONSORZIO CASALASCO SERVIZI SOCIALI (CONCASS)'],
  ])('%j -> %j', (entity, ps, expected) => {
    const l = link(entity, ps as Partner[]);
    expect(l.partner?.name).toBe(expected);
    expect(['exact', 'strong']).toContain(l.match);
    expect(l.score).toBeGreaterThanOrEqual(DEFAULT_PROFILE.partnerMatchStrong);
  });

  it('the same name, in other case, accents and apostrophes, is exact', () => {
    expect(link('COMUNE DI MANTOVA', P21)).toMatchObject({ match: 'exact', score: 1, partner: { seq: 2 } });
    expect(link('ASPA – Azienda Servizi alla Persona dell’Asolano', P21)).toMatchObject({ match: 'exact', partner: { seq: 5 } });
    expect(link('RSA i Tulipani', P22)).toMatchObject({ match: 'exact', partner: { name: 'RSA I Tulipani' } });
  });

  it('"Comune di Crema" does not strongly match "Comune di Cremona"', () => {
    const l = link('Comune di Crema', P25);
    expect(l.match === 'strong' || l.match === 'exact').toBe(false);
    expect(similarity('Comune di Crema', 'Comune di Cremona')).toBeLessThan(DEFAULT_PROFILE.partnerMatchStrong);
    // ... and with the right partner in the list, picks it
    expect(link('Comune di Crema', [...P25, partner(9, 'Comune di Crema')]).partner?.seq).toBe(9);
  });

  it('"Comune di Cremona" is not taken for "Comune di Crema" either', () => {
    expect(link('Comune di Cremona', P27.filter((p) => p.name === 'COMUNE DI CREMA')).match).not.toMatch(/exact|strong/);
  });

  it('a generic name alone ("Comune") matches no specific Comune strongly', () => {
    expect(link('Comune', P21).match).not.toMatch(/exact|strong/);
    expect(link('Cooperativa Sociale', P26).match).not.toMatch(/exact|strong/);
  });

  it('an unrelated name matches nothing', () => {
    expect(link('Pasticceria Bonetti', P21)).toMatchObject({ partner: null, match: 'none' });
    expect(link('', P21)).toMatchObject({ partner: null, match: 'none' });
    expect(link('COMUNE DI BORGIO VIRGILIO', [])).toMatchObject({ partner: null, match: 'none', score: 0 });
  });

  it('a loose resemblance is weak, and names the partner', () => {
    const l = link('Comune di Crema', partners('ASST di CREMA - <i>Partner istituzionale</i>', 'Novellini Spa'));
    expect(l.match).toBe('weak');
    expect(l.partner?.seq).toBe(1);
    expect(l.score).toBeGreaterThanOrEqual(DEFAULT_PROFILE.partnerMatchWeak);
    expect(l.score).toBeLessThan(DEFAULT_PROFILE.partnerMatchStrong);
  });

  it('thresholds come from the profile', () => {
    const strict = { partnerMatchStrong: 0.99, partnerMatchWeak: 0.9 };
    expect(linkPartner('COMUNE DI BORGIO VIRGILIO', P21, strict).match).toBe('weak');
    expect(linkPartner('COMUNE DI BORGIO VIRGILIO', P21, { partnerMatchStrong: 0.99, partnerMatchWeak: 0.98 }).match).toBe('none');
  });
});

const score = (a: string, b: string) => partnerSimilarity(nameForms(a), nameForms(b));
const { partnerMatchStrong: STRONG, partnerMatchWeak: WEAK } = DEFAULT_PROFILE;

describe('near misses: close names, different partners', () => {
  // The README's table of scores lists these pairs with the scores below.
  it.each([
    // A different municipality is a different partner, however close the names.
    ['Comune di Sale', 'Comune di Salò', 0.075],
    ['Comune di Crema', 'Comune di Cremona', 0.075],
    ['Comune di Lodi', 'Comune di Lodi Vecchio', 0.694],
    // Another kind of public body in the same place.
    ['Comune di Viadana', 'Unione dei Comuni di Viadana', 0.732],
    ['Comune di Cremona', 'Provincia di Cremona', 0.675],
    ['Comune di Crema', 'ASST di Crema - Partner istituzionale', 0.675],
    // Two cooperatives, or two associations, sharing a word.
    ['Cooperativa Sociale Il Ponte', 'Cooperativa Sociale Ponte Verde', 0.694],
    ["Coop. Sole Nascente", "Cooperativa Sole d'Oro", 0.413],
    ['Associazione Insieme', 'Associazione Insieme per la Famiglia', 0.694],
    // Short names one letter apart.
    ['RSA Boni', 'RSA BOVI', 0.1],
  ])('%j and %j score %d: never a strong link', (a, b, expected) => {
    expect(score(a, b)).toBeCloseTo(expected, 3);
    expect(score(b, a)).toBe(score(a, b));
    expect(score(a, b)).toBeLessThan(STRONG);
    expect(link(a, partners(b)).match).not.toMatch(/exact|strong/);
  });

  it('the close resemblances stay weak, so the rule asks a person to check them', () => {
    for (const [a, b] of [['Comune di Lodi', 'Comune di Lodi Vecchio'], ['Comune di Viadana', 'Unione dei Comuni di Viadana']]) {
      expect(link(a!, partners(b!))).toMatchObject({ match: 'weak', partner: { name: b } });
    }
    expect(link('Comune di Sale', partners('Comune di Salò')).match).toBe('none');
  });

  it('with both in the list, each picks its own', () => {
    const ps = partners('Comune di Salò', 'Comune di Sale', 'Comune di Lodi Vecchio', 'Comune di Lodi', 'Unione dei Comuni di Viadana');
    expect(link('COMUNE DI SALE', ps).partner?.seq).toBe(2);
    expect(link("Comune di Salo'", ps).partner?.seq).toBe(1);
    expect(link('Comune di Lodi', ps)).toMatchObject({ match: 'exact', partner: { seq: 4 } });
    expect(link('Comune Lodi Vecchio', ps)).toMatchObject({ match: 'strong', partner: { seq: 3 } });
  });
});

describe('same partner, written another way (beyond the seed)', () => {
  it.each([
    ['Coop. Il Ponte', 'Cooperativa Sociale Il Ponte Onlus', 0.992],
    ['Unione Comuni Oglio Po', 'Unione dei Comuni di Oglio Po', 1],
    ["Comune di Salo'", 'Comune di Salò', 1],
    ['Fondazione Boni', 'RSA Boni', 0.9],
    ['LUBIAM', "Lubiam moda per l'uomo Spa", 0.888],
    ['COMUNE DI BORGIO VIRGILIO', 'Comune di Borgo Virgilio', 0.925],
  ])('%j and %j score %d: a strong link', (a, b, expected) => {
    expect(score(a, b)).toBeCloseTo(expected, 3);
    expect(score(a, b)).toBeGreaterThanOrEqual(STRONG);
  });

  it('a role the partner table appends is no part of the name', () => {
    expect(nameForms('Krikos - <i>Rete</i>').map((f) => f.tokens)).toEqual([['krikos']]);
    expect(nameForms('Altana - <i>Partner attuativo</i>').map((f) => f.tokens)).toEqual([['altana']]);
    // ... but the same words inside a name are words of it.
    expect(nameForms('Rete Donne Lavoro').map((f) => f.tokens)).toEqual([['rete', 'donne', 'lavoro']]);
  });

  it("keeps a partner's name forms once, for every cofinancer compared with it", () => {
    const ps = partners('Comune di Sale', 'Comune di Salò');
    expect(preparePartners(ps)).toBe(preparePartners(ps));
    expect(preparePartners(ps).map((p) => p.forms)).toEqual(ps.map((p) => nameForms(p.name)));
    expect(WEAK).toBeLessThan(STRONG);
  });
});

describe('similarity', () => {
  it('is symmetric and between 0 and 1', () => {
    const names = [...P21, ...P22, ...P24].map((p) => p.name);
    for (const a of names) {
      for (const b of names) {
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(b, a)).toBe(s);
      }
    }
  });

  it('a former name given as "(ex ...)" is a name of its own', () => {
    expect(nameForms('Connecthub Srl ( ex Thun Logistics Srl)').map((f) => f.tokens)).toEqual([['connecthub'], ['thun', 'logistics']]);
  });

  it('dotted abbreviations and web addresses are read as words', () => {
    expect(nameForms('Re.Le.Vi. Spa').map((f) => f.tokens)).toEqual([['relevi']]);
    expect(nameForms('Copiaincolla.com Srl').map((f) => f.tokens)).toEqual([['copiaincolla']]);
  });
});

// Every cofinancer of the seed, and the partner a human reading the annex links it to
// (written by hand from the partner tables; seq is the partner's number in its table).
const SEED_LINKS: Record<string, [string, number][]> = {
  '2.1': [
    ['COMUNE DI BORGIO VIRGILIO', 1], ['COMUNE DI GAZZOLDO DEGLI IPPOLITI', 3], ['COMUNE DI MANTOVA', 2],
    ['Consorzio Progetto Solidarietà', 4], ['ASPA – Azienda Servizi alla Persona dell’Asolano', 5], ['LUBIAM', 7],
    ['NOVELLINI', 6], ['ITALIA ALIMENTARI', 8], ['RELEVI', 9], ['THUN LOGISTCS', 10], ['COPIAINCOLLA', 11],
  ],
  '2.2': [
    ['Azienda Consortile Socialis', 1], ['Ospedale di Suzzara', 2], ['Fondazione Boni', 3], ['RSA BOVI', 4],
    ['Ospedale di Gonzaga', 5], ['RSA i Tulipani', 6], ['RSA S. Benedetto', 7], ['RSA Pietro Sissa', 8],
  ],
  '2.3': [['PROMOIMPRESA- BORSA MERCÌ', 6]],
  '2.4': [
    ['Coop. Cospes', 1], ['Coop. Koala', 12], ['Coop. Filika', 8], ['Coop. Igea', 10], ['Coop. Altana', 2],
    ['Coop. Aurora', 4], ['Coop. Sentiero', 15], ['Fondazione Benefattori Cremaschi', 9], ['Coop. Krikos', 13],
    ['Assoc. Insieme per la famiglia', 11], ['ASST di Crema', 3], ['Associazione NOI', 14], ['Auser', 5],
    ['Comunità sociale cremasca', 7], ['Comune di Crema', 6],
  ],
  '2.5': [['Comune di Cremona', 1], ['Azienda sociale del Cremonese', 2]],
  '2.6': [
    ['CONSORZIO CASALASCO SERVIZI SOCIALI', 1], ['AZIENDA OGLIO PO', 2], ['COMUNE DI CASALMAGGIORE', 3], ['CSV', 4],
    ['COOP SANTA FEDERICI', 5], ['COOP CERCHIO', 6], ['COOP PG FRASSATI', 7], ["COOP AGORA'", 8], ["COOP L'INCONTRO", 9],
    ['COOP PAPA GIOVANNI', 10],
  ],
  '2.7': [
    ['CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI CREMONA', 1],
    ['CAMERA DI COMMERCIO INDUSTRIA ARTIGIANATO E AGRICOLTURA DI MANTOVA', 2], ['COMUNE DI CREMA', 3],
    ['CONSORZIO CASALASCO SERVIZI SOCIALI', 4], ['APINDUSTRIA CREMONA', 5], ['ASSOCIAZIONE INDUSTRIALI DI CREMONA', 6],
    ['COLDIRETTI', 7], ["CNA – CONFEDERAZIONE NAZIONALE DELL'ARTIGIANATO E DELLA PMI DELLA PROVINCIA DI CREMONA", 8],
    ['CONFARTIGIANATO CREMONA', 9], ['CONFCOMMERCIO CREMONA', 10], ['CONFCOOPERATIVE CREMONA', 11],
    ['LIBERA ARTIGIANI CREMA', 12], ['REI – Reindustria e Innovazione', 13], ['ASSOCIAZIONE PROFESSIONISTI DELLA PROVINCIA DI CREMONA', 14],
  ],
};

describe('every cofinancer of the seed links to the partner a human would pick', () => {
  const grids = seedBudgetGrids();
  const tables = seedPartners();

  it('the seed has seven partner tables of the sizes the annex numbers', () => {
    expect(tables.map((t) => t.length)).toEqual([11, 8, 13, 15, 6, 13, 14]);
    expect(tables.map((t) => t.map((p) => p.seq))).toEqual(tables.map((t) => t.map((_, i) => i + 1)));
  });

  describe.each(grids.map((g, k) => [g.project, g, tables[k]!] as const))('%s', (project, g, ps) => {
    const cofinancers = readBudget(g.grid).cofinancers.map((c) => c.entity);

    it('the hand-written list is the seed\'s list of cofinancers', () => {
      expect(cofinancers).toEqual(SEED_LINKS[project]!.map(([e]) => e));
    });

    it.each(SEED_LINKS[project]!)('%j -> partner %i', (entity, seq) => {
      const l = link(entity, ps);
      expect({ partner: l.partner?.seq, name: l.partner?.name, strong: l.match === 'exact' || l.match === 'strong' }).toEqual({
        partner: seq, name: ps[seq - 1]!.name, strong: true,
      });
    });
  });
});

describe('name forms of words that are also object properties', () => {
  it('keeps "constructor" a word like any other', () => {
    expect(nameForms('Constructor Srl').map((f) => f.tokens)).toEqual([['constructor']]);
  });
});
