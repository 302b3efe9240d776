// The bench's M/M/c race, imsim's side, as a whole process: imports, start-up and the run
// of `customers` customers (each a whole process of the engine: arrive, ask the team,
// hold a person, release), then one JSON line with the customers and the mean wait. The
// parent times the process from spawn to exit, as it times SimPy's.
// The model's own module only: the race times imsim's engine, not the loading of layers the model does not use.
import { simulateMMc } from '../sim/world/mmc.js';

const [c, perHour, work, customers, seed] = process.argv.slice(2).map(Number);
const r = simulateMMc({ servers: c!, arrivalsPerHour: perHour!, meanWorkMinutes: work!, customers: customers!, warmup: 0, seed: seed!, replication: 0 });
process.stdout.write(`${JSON.stringify({ customers: r.customers, meanWaitMinutes: r.meanWaitMinutes, pWait: r.pWait })}\n`);
