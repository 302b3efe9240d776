// Mutation testing only (vitest.mutation.config.ts): one fast-check seed for every run.
// Stryker finds a mutant's tests again by their names, and @fast-check/vitest names each
// property with its seed; a fresh seed on every run would rename the test and Stryker
// would run none of them, calling the mutant a survivor.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.IMSIM_MUTATION_SEED ?? 20261123) });
