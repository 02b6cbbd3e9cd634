// exceljs' internal modules (its worksheet model and xforms), imported by path in stream.ts:
// they carry no types of their own.
declare module 'exceljs/lib/*' {
  const value: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export default value;
}
