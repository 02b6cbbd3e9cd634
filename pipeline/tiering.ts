// How soon V8 optimises the CLI's functions. A function is handed to the optimising compiler
// once it has run through its interrupt budget a few times (66 KB of bytecode by default); in a
// run on one annex most of that compiling is thrown away when the process ends, and a run over
// many annexes loses some of it to deoptimisation. A larger budget leaves that compiler the
// functions that stay hot. Measured (CPU time, a busy 2-core machine): the seed with every output
// 410 ms instead of 550; 100 annexes 11.1 s instead of 12.9. The bundle runs this first (see
// scripts/build-cli.mjs); a budget given to node by the user is kept.
import { setFlagsFromString } from 'node:v8';

const FLAG = '--interrupt-budget';
const BUDGET = 1_000_000;

if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(FLAG))) setFlagsFromString(`${FLAG}=${BUDGET}`);
