/**
 * The folder holding package.json, where the project keeps its own files (`.cache/`, `dist/`):
 * found by walking up from this file, so it is the same from the sources (`graph/`, run by tsx)
 * and from the build (`dist/graph/`). It lives in the bottom layer because every layer needs it:
 * the Neo4j tooling here, the model cache in engine/embed, the dashboard files in app/api.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, walking up from `from` (default: this file's folder); the working directory when none is found. */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
