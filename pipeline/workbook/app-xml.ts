// docProps/app.xml naming its maker. exceljs writes "Microsoft Excel" there, and LibreOffice then
// trusts the file's cached results (it does not read calcPr's fullCalcOnLoad, which Excel
// honours): the verdicts and the status line would show what was written until a cell is
// edited. Named as what made it, LibreOffice recalculates them on load.
const APPLICATION = 'conciliazione';

export function namedApplication(appXml: string): string {
  return appXml.replace('<Application>Microsoft Excel</Application>', `<Application>${APPLICATION}</Application>`);
}
