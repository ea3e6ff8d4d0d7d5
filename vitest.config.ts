import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Neo4j- and data-heavy suites open real services; keep the default per-test timeout generous
    // rather than tuning each test (timing itself is judged by benchmarks, never by tests).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for a page or a process to show something; its 1 s default is short with
    // Chromium, the API and Neo4j sharing two busy cores. A poll that passes returns at once.
    expect: { poll: { timeout: 15_000 } },
    // 2-core machines: files in parallel would fight over the CPU with Neo4j's JVM.
    fileParallelism: false,
    reporters: ['default'],
  },
});
