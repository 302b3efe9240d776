"""The M/M/c queue in SimPy, the model imsim's bench and tests race and compare against.

One resource of c servers always on duty, Poisson arrivals, exponentially distributed
work, every customer a whole SimPy process (arrive, request a server, hold it for the
work, release, leave): the same model as `imsim year scenarios/orgs/mmc.yaml` and
src/sim/world/mmc.ts. Prints one JSON line: customers measured, mean wait (minutes),
share that waited, utilization, and the seconds from process start to the end of the
run (imports and start-up included).

Usage: python3 mmc_simpy.py C ARRIVALS_PER_HOUR MEAN_WORK_MINUTES CUSTOMERS [WARMUP] [SEED]
"""
import time

START = time.perf_counter()

import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402

import simpy  # noqa: E402


def main() -> None:
    c = int(sys.argv[1])
    per_hour = float(sys.argv[2])
    work = float(sys.argv[3])
    customers = int(sys.argv[4])
    warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    total = warmup + customers
    stats = {"n": 0, "wait": 0.0, "waited": 0, "busy": 0.0, "since": 0.0}

    def customer(n: int, length: float):
        arrived = env.now
        with servers.request() as req:
            yield req
            wait = env.now - arrived
            if n >= warmup:
                stats["n"] += 1
                stats["wait"] += wait
                if wait > 0:
                    stats["waited"] += 1
            start = env.now
            yield env.timeout(length)
            if n >= warmup:
                stats["busy"] += env.now - max(start, stats["since"])

    def arrivals():
        rate = per_hour / 60.0
        for n in range(total):
            yield env.timeout(rng.expovariate(rate))
            if n == warmup:
                stats["since"] = env.now
            env.process(customer(n, rng.expovariate(1.0 / work)))

    env.process(arrivals())
    env.run()
    span = env.now - stats["since"]
    print(
        json.dumps(
            {
                "customers": stats["n"],
                "meanWaitMinutes": stats["wait"] / stats["n"],
                "pWait": stats["waited"] / stats["n"],
                "utilization": stats["busy"] / (c * span) if span > 0 else 0.0,
                "seconds": time.perf_counter() - START,
            }
        )
    )


if __name__ == "__main__":
    main()
