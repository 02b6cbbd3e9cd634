// The catalogue of findings: their data (data.ts), how they are made (make.ts) and worded (render.ts).
export * from './data.js';
export * from './make.js';
export * from './render.js';
export { reasonOf } from './reasons.js';
