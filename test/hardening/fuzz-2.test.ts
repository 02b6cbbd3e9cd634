// Shard 2 of the pipeline fuzz suite (see fuzz-shard.ts).
import { describe } from 'vitest';
import { fuzzShard } from './fuzz-shard.js';

describe('fuzzed annexes through the pipeline', () => fuzzShard(1));
