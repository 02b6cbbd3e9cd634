// The hostile strings of the hardening suite (test/hardening/hostile.test.ts, which cannot be
// imported without running its tests), put where the report shows them: cofinancers' names,
// a title and a lead entity, and markup in header lines that findings quote.
import { SEED_TEXT } from '../pipeline/helpers.js';

export { HOSTILE } from '../fixtures/hostile-strings.js';
import { HOSTILE } from '../fixtures/hostile-strings.js';

/** Markup that must reach the page only as text: each put into a line a finding quotes. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.invalid/"></iframe>',
  '"><svg onload=alert(1)>',
  '</blockquote><form action="https://evil.invalid/"><button>x</button></form>',
];

const TARGETS = ['LUBIAM', 'NOVELLINI', 'RELEVI', 'COPIAINCOLLA', 'ITALIA ALIMENTARI'];

export function hostileAnnex(): string {
  let text = SEED_TEXT;
  TARGETS.forEach((t, i) => (text = text.split(t).join(HOSTILE[i]!)));
  text = text.replace('PROGETTO: Eugenio 20-23', `PROGETTO: ${HOSTILE[5]} Eugenio 20-23`);
  text = text.replace('Ente capofila: Comune di Borgo Virgilio', `Ente capofila: ${HOSTILE[4]}`);
  // Header lines that then differ from the table of contents, so that a finding quotes them.
  text = text.replace('Ente capofila: Azienda Speciale Consortile del territorio suzzarese Socialis', `Ente capofila: ${MARKUP[0]} Azienda Speciale ${MARKUP[2]} Socialis ${HOSTILE[9]}`);
  text = text.replace('## PROGETTO: *Smart Companies 3.0', `## PROGETTO: ${MARKUP[1]} ${MARKUP[3]} *Smart Companies 3.0 ${HOSTILE[10]}`);
  text = text.replace('Ente capofila: *Camera di Commercio Industria Artigianato e Agricoltura di Mantova*', `Ente capofila: ${MARKUP[4]} ${HOSTILE[8]}`);
  return text;
}
