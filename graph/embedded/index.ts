export { EmbeddedGraphStore, type EmbeddedOptions } from './store.js';

import { EmbeddedGraphStore, type EmbeddedOptions } from './store.js';

export const createEmbeddedStore = (options: EmbeddedOptions): EmbeddedGraphStore => new EmbeddedGraphStore(options);
