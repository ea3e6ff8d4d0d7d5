import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Neo4j- and data-heavy suites open real services; keep the default per-test timeout generous
    // rather than tuning each test (timing itself is judged by benchmarks, never by tests).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // 2-core machines: files in parallel would fight over the CPU with Neo4j's JVM.
    fileParallelism: false,
    reporters: ['default'],
  },
});
