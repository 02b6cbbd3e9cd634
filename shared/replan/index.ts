// Re-planning a budget to the grant awarded ("rimodulazione"): the frame, the proposal and the
// post-award rules. Everything here is pure and runs in Node and in Apps Script alike.
export { replanFrame, type ReplanFrame } from './frame.js';
export { largestRemainder, proposeReplan, REPLAN_STRATEGIES } from './propose.js';
export type { LineChange, ReplanResult, ReplanStrategy } from './propose.js';
export { cofinancingMinAfterAward, POST_AWARD_RULES, postAwardFindings, replanNeeded } from './post-award-rules.js';
