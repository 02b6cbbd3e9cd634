// Italian first; English only when the user's locale says so. Everything one check writes or
// shows (the Rilievi column, its status line, toasts, the sidebar) is in the language of the
// user whose edit or command ran it; budget labels and tab names stay Italian (the reader and
// the annex are Italian).
export type Lang = 'it' | 'en';

const STRINGS = {
  it: {
    menuCheckTab: 'Controlla questo foglio',
    menuCheckAll: 'Controlla tutti i fogli di budget',
    menuNewTab: 'Nuovo foglio di budget dal modello',
    menuShowFindings: 'Mostra i rilievi',
    menuClear: 'Rimuovi le evidenziazioni',
    sidebarTitle: 'Rilievi del piano dei conti',
    notBudgetTab: 'Questo foglio non contiene un piano dei conti riconoscibile.',
    checked: 'Controllo completato',
    cleared: 'Evidenziazioni rimosse',
    busy: 'Un altro controllo è in corso: riprovare tra poco.',
    noFindings: 'Nessun rilievo.',
    noBudgetTabs: 'Nessun foglio di budget trovato.',
    error: 'Errori',
    warning: 'Avvisi',
    info: 'Note',
    newTabName: 'Piano dei conti',
    templateTitle: 'Progetto (titolo)',
    menuReplan: 'Rimodula sul contributo assegnato',
    replanTitle: 'Rimodulazione',
    replanAsk: 'Il foglio non indica il contributo assegnato. Importo assegnato (es. 20.038,40):',
    replanBadAmount: 'Importo non valido',
    replanNotNeeded: 'Rimodulazione non necessaria',
    replanImpossible: 'Nessuna rimodulazione possibile',
    replanDone: 'Proposta di rimodulazione creata nel foglio',
    columnTitle: 'Rilievi',
    see: 'vedi',
    triggerOn: 'Controllo automatico attivo anche quando si inseriscono o eliminano righe.',
  },
  en: {
    menuCheckTab: 'Check this tab',
    menuCheckAll: 'Check all budget tabs',
    menuNewTab: 'New budget tab from the template',
    menuShowFindings: 'Show findings',
    menuClear: 'Clear highlights',
    sidebarTitle: 'Budget findings',
    notBudgetTab: 'This tab holds no recognisable budget.',
    checked: 'Check complete',
    cleared: 'Highlights removed',
    busy: 'Another check is running: try again shortly.',
    noFindings: 'No findings.',
    noBudgetTabs: 'No budget tab found.',
    error: 'Errors',
    warning: 'Warnings',
    info: 'Notes',
    newTabName: 'Piano dei conti',
    templateTitle: 'Progetto (titolo)',
    menuReplan: 'Re-plan to the awarded grant',
    replanTitle: 'Re-planning',
    replanAsk: 'The tab does not state the awarded grant. Amount awarded (e.g. 20.038,40):',
    replanBadAmount: 'Not a valid amount',
    replanNotNeeded: 'No re-planning needed',
    replanImpossible: 'No re-planning is possible',
    replanDone: 'Re-planning proposal created in tab',
    columnTitle: 'Findings',
    see: 'see',
    triggerOn: 'Automatic checks now also run when rows are inserted or deleted.',
  },
} as const;

/** The suffix of a re-planned tab's name: Italian, like the tab's labels. */
export const REPLAN_TAB_SUFFIX = ' – rimodulato';

export type Strings = { readonly [K in keyof (typeof STRINGS)['it']]: string };

export function langOf(locale: string | null | undefined): Lang {
  // An unknown locale keeps Italian: the product is Italian first.
  if (!locale) return 'it';
  return /^it\b|^it[-_]/i.test(locale) || locale.toLowerCase() === 'it' ? 'it' : 'en';
}

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

const COUNTED = {
  it: { error: ['errore', 'errori'], warning: ['avviso', 'avvisi'], info: ['nota', 'note'], none: 'Nessun rilievo' },
  en: { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'], none: 'No findings' },
} as const;

/** "3 errori, 1 avviso" / "3 errors, 1 warning", or "Nessun rilievo" / "No findings". */
export function statusLine(counts: { error: number; warning: number; info: number }, lang: Lang = 'it'): string {
  const words = COUNTED[lang];
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${words[s][counts[s] === 1 ? 0 : 1]}`);
  return parts.length === 0 ? words.none : parts.join(', ');
}

export const SEVERITY_LABEL = {
  it: { error: 'Errore', warning: 'Avviso', info: 'Nota' },
  en: { error: 'Error', warning: 'Warning', info: 'Note' },
} as const;
