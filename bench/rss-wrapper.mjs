// Runs the built CLI in this process and, at exit, writes the process's peak resident set
// size (bytes) to the file named by the first argument: no dependency on /usr/bin/time.
// Usage: node bench/rss-wrapper.mjs <rss-file> <cli.mjs> [cli arguments...]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rssFile, cli, ...args] = process.argv.slice(2);
if (!rssFile || !cli) {
  process.stderr.write('usage: node bench/rss-wrapper.mjs <rss-file> <cli.mjs> [args...]\n');
  process.exit(2);
}
// maxRSS is in kilobytes.
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS * 1024)));
process.argv = [process.argv[0], resolve(cli), ...args];
await import(pathToFileURL(resolve(cli)).href);
