/**
 * The bots as the start-up code (app/cli) sees them: the config, starting the adapters, and the
 * core's errors and command log. Code outside bots/ imports it from here only.
 */
export { loadBotsConfig } from './config.js';
export { startBots } from './start.js';
