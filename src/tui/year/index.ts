// The live view of `imsim year` on a terminal: imported only when one is drawn.
export { startYearView } from './view.js';
