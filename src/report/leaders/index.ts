// The leaders' report: its data (build.ts runs the year, the restoration times and the
// drivers; drivers.ts measures what moves the annual loss) and its rendering into report
// blocks (render.ts). The data is computed once; the renderers only format it.
export * from './build.js';
export * from './drivers.js';
export * from './render.js';
