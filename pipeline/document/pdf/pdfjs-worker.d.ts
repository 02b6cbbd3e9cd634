// pdf.js' worker module ships no types; it is imported only to be evaluated (it registers itself
// on globalThis.pdfjsWorker, where pdf.js' in-thread worker finds it).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
