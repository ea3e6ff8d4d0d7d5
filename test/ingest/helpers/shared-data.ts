/**
 * The real CORDIS extract in ../shared (beside the repository), resolved from this file's
 * location so tests run from any working directory. Suites on it skip, with the reason
 * printed, when it is absent on a developer's machine; under CI they never skip.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inCi } from '../../helpers/ci.js';

export const SHARED_CORDIS = fileURLToPath(new URL('../../../../shared/datasets/cordis-security/', import.meta.url));

const present = existsSync(`${SHARED_CORDIS}/H2020/project.csv`);

/** True when the suite must be skipped; prints why. */
export function skipWithoutSharedData(suite: string): boolean {
  if (present || inCi()) return false;
  console.warn(`skipping ${suite}: the shared CORDIS extract is not at ${SHARED_CORDIS}`);
  return true;
}
