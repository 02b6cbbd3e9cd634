// A worksheet as the core's grid reader sees it: what each cell shows (formula cells: their result).
import type { Worksheet } from 'exceljs';
import type { CellValue } from '../../shared/amounts.js';

export function sheetGrid(ws: Worksheet): CellValue[][] {
  const grid: CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(shown(ws.getCell(r, c).value));
    grid.push(row);
  }
  return grid;
}

function shown(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: string };
    if ('formula' in o || 'sharedFormula' in o) return shown(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}
