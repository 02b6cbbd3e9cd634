// Italian first; English only when the user's locale says so. The sheet itself (status line,
// notes) is always Italian: it is shared with reviewers whose locale we do not know.
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
  },
} as const;

/** The suffix of a re-planned tab's name: Italian, since the sheet is shared. */
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

const SEVERITY_IT = { error: ['errore', 'errori'], warning: ['avviso', 'avvisi'], info: ['nota', 'note'] } as const;

/** "3 errori, 1 avviso" or "Nessun rilievo": the status line, always Italian. */
export function statusLine(counts: { error: number; warning: number; info: number }): string {
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_IT[s][counts[s] === 1 ? 0 : 1]}`);
  return parts.length === 0 ? 'Nessun rilievo' : parts.join(', ');
}

export const SEVERITY_LABEL_IT = { error: 'Errore', warning: 'Avviso', info: 'Nota' } as const;
