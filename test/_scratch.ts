import { readFileSync } from 'node:fs';
import { readBudget } from '../shared/budget-reader.js';
const text = readFileSync('seeds/sub-allegato-2-ats-val-padana-2020.md', 'utf8').split('\n');
for (const [a, b] of [[366,394],[653,676],[997,1018],[1494,1526],[1872,1888],[2219,2248],[2716,2753]]) {
  const rows = text.slice(a-1, b).filter(l => !/^(Conciliazione Vita-Lavoro|Sistema Socio Sanitario|Regione Lombardia|ATS Val Padana|\d+)\s*$/.test(l)).map(l => l.split('\t'));
  const bud = readBudget(rows);
  console.log(a, bud.lines.map(l => `${l.code}=${l.amount}${l.funded?'/f'+l.funded:''}${l.cofinanced?'/c'+l.cofinanced:''}`).join(' '), 'cof', bud.cofinancers.length, bud.problems.map(p=>p.kind+':'+p.text.slice(0,40)));
}
