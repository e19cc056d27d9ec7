/** `npm run bench`: every Warden benchmark, printed as Markdown tables with ratios against the peers. */
import { formatCodecRows, runCodecBenchmark } from './codec.js';

const seconds = Number(process.env['WARDEN_BENCH_SECONDS'] ?? '1.5');
console.log('## Codec: decode + encode, messages per second (higher is better)\n');
console.log(formatCodecRows(runCodecBenchmark(seconds)));
