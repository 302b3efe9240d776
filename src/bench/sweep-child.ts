// The bench's sweep, in a process of its own: the real CLI's `main` on the arguments
// given, then one JSON line with the wall time, the CPU time and the peak RSS of this
// process, which holds the main thread and every worker thread of the pool.
import { main } from '../cli/main.js';

const t0 = performance.now();
const code = await main([process.argv[0]!, 'imsim', ...process.argv.slice(2)]);
const wallMs = performance.now() - t0;
if (code !== 0) process.exit(code);
const u = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ wallMs, maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
