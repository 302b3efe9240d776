// Small helpers every layer may use: the user-error type, "did you mean", YAML with
// positions, and the one module that writes output files (files.ts: the only file
// writing in util; cli, sweep and report call it). Nothing here imports from the rest of imsim.

export { UserError, type Problem, formatProblems } from './errors.js';
export { suggest, didYouMean } from './suggest.js';
export { parseYaml, checkSchema, zodProblems, lineOf, dotPath, keysAt, type YamlSource, type Path } from './yaml.js';
export { patchToSchema, nearPatch, standIn, schemaAt } from './repair.js';
export {
  outputTarget,
  writeOutput,
  writeAtomic,
  createFresh,
  writeAll,
  commitTemp,
  removeStaleTemps,
  syncDir,
  OutputLock,
  lockPath,
  processAlive,
  cannotWrite,
  describeError,
  isSystemError,
  type OutputTarget,
  type TargetOptions,
} from './files.js';
