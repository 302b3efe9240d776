// HTML for reports: SVG primitives and charts drawn at generation time (svg.ts,
// charts.ts), a report as blocks rendered to one self-contained page or to Markdown
// (doc.ts), and imsim's own Markdown read back into blocks (markdown.ts) so the
// tabletop's after-action report reaches HTML through the same page. Pure: strings in,
// strings out; no DOM, no files, no clock.
export * from './svg.js';
export * from './charts.js';
export * from './doc.js';
export * from './markdown.js';
