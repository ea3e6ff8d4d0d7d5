/** A bot runtime over a real engine, with its audit log in a temp folder and its error log kept for assertions. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntry, createAuditLog, type DeliveryEntry } from '../../../bots/core/audit.js';
import { type CoreConfigInput, coreConfigSchema } from '../../../bots/core/config.js';
import type { CommandRegistry } from '../../../bots/core/registry.js';
import { createRuntime, type RuntimeHandle } from '../../../bots/core/runtime.js';
import { builtInRegistry } from '../../../bots/plugins/index.js';
import type { Engine } from '../../../engine/service.js';

export interface TestRuntime {
  readonly runtime: RuntimeHandle;
  readonly auditPath: string;
  /** Lines the runtime (and adapters through it) logged as errors. */
  readonly errors: { line: string; error: unknown }[];
  /** The request lines of the audit log, in order. */
  audit(): Promise<AuditEntry[]>;
  /** The delivery lines (where each answer really went), in order. */
  deliveries(): Promise<DeliveryEntry[]>;
  close(): Promise<void>;
}

export async function createTestRuntime(
  engine: Engine,
  config: CoreConfigInput = {},
  o: { registry?: CommandRegistry; now?: () => number; grantKey?: Buffer } = {},
): Promise<TestRuntime> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-bots-audit-'));
  const auditPath = join(dir, 'bots', 'audit.jsonl');
  const errors: { line: string; error: unknown }[] = [];
  const runtime = createRuntime({
    engine,
    registry: o.registry ?? builtInRegistry(),
    config: coreConfigSchema.parse(config),
    audit: createAuditLog(auditPath),
    log: { info: () => undefined, warn: () => undefined, error: (line, error) => errors.push({ line, error }) },
    ...(o.now === undefined ? {} : { now: o.now }),
    ...(o.grantKey === undefined ? {} : { grantKey: o.grantKey }),
  });
  const lines = async () => {
    const text = await readFile(auditPath, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as AuditEntry | DeliveryEntry);
  };
  return {
    runtime,
    auditPath,
    errors,
    async audit() {
      return (await lines()).filter((l): l is AuditEntry => !('kind' in l));
    },
    async deliveries() {
      return (await lines()).filter((l): l is DeliveryEntry => 'kind' in l && l.kind === 'delivery');
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
