import type { BuildOptions } from 'esbuild';

export declare const NODE_TARGET: Pick<BuildOptions, 'platform' | 'format' | 'target' | 'supported'>;
