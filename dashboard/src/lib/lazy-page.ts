/**
 * `React.lazy` that can be asked again. A lazy component remembers a failed `import()` for
 * ever, so after the server comes back it would fail again without asking; `retry()` forgets
 * the failure and the next render loads the code anew.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface RetryableLazy {
  current(): LazyExoticComponent<ComponentType>;
  retry(): void;
}

export function lazyPage(load: () => Promise<ComponentType>): RetryableLazy {
  const make = () => lazy(async () => ({ default: await load() }));
  let component = make();
  return {
    current: () => component,
    retry() {
      component = make();
    },
  };
}
