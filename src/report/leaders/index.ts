// The leaders' report: its data (data.ts, computed by the CLI from the year, the
// restoration times, the drivers and the advisor) and its rendering into report blocks
// (render.ts), which only formats that data.
export * from './data.js';
export * from './render.js';
