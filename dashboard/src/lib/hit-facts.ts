/**
 * The facts beside a hit's label, written once in the engine for the CLI, the bots and this page
 * (a pure function with no run-time imports, so this is all the engine code the bundle gets).
 */
export { hitFacts, restrictedLine } from '../../../engine/match/hit-facts.js';
