// Small helpers every layer may use: the user-error type and "did you mean".
// Nothing here imports from the rest of imsim.

export { UserError, type Problem, formatProblems } from './errors.js';
export { suggest, didYouMean } from './suggest.js';
export { parseYaml, checkSchema, zodProblems, lineOf, dotPath, keysAt, type YamlSource, type Path } from './yaml.js';
