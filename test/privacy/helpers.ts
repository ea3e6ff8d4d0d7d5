/** The person erased by the privacy tests, and running the CLI in a process of its own. */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashToken, writeTokensFile } from '../../app/api/tokens.js';
import { createAuditLog } from '../../bots/core/audit.js';
import { createPseudonymizer } from '../../engine/privacy/index.js';
import type { GraphStore } from '../../graph/store.js';
import { ROOT } from '../feed/helpers.js';

/** Fictional. The id is no prefix of another id, so a hit is this person's. */
export const ERASED = { id: 'test:person:quillon-erasure', name: 'Quillon Vandermeerstraat', chat: 'slack:UQUILLON9' };
export const NEEDLES = [ERASED.id, ERASED.name, 'Vandermeerstraat'];
export const CHALLENGE = 'demo:challenge:river-drone-smuggling';
export const POLL = 'demo:poll:priorities-2020';
export const ADMIN_TOKEN = 'erasure-test-admin-token-0123456789';
export const PERSON_TOKEN = 'erasure-test-person-token-0123456789';

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): {
  done: Promise<{ code: number | null; out: string; err: string }>;
  pid: () => number | undefined;
  kill: (s: NodeJS.Signals) => void;
} {
  // node itself with tsx's loader (not the tsx wrapper), so that kill -9 reaches the process doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/run-cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err }))),
    pid: () => child.pid,
    kill: (s) => child.kill(s),
  };
}

/** The person, their links and votes, a token acting as them, a chat identity, and audit lines. */
export async function addPerson(store: GraphStore, dir: string): Promise<void> {
  await store.upsert({
    nodes: [
      {
        id: ERASED.id,
        kind: 'Person',
        name: ERASED.name,
        visibility: 'network',
        expertise: ['zeppelin hull forensics'],
        bio: `${ERASED.name} works on zeppelin hull forensics`,
      },
    ],
    relationships: [
      { type: 'MEMBER_OF', from: ERASED.id, to: 'demo:org:scheldemond-police' },
      { type: 'EXPERT_IN', from: ERASED.id, to: 'area:cybercrime' },
      { type: 'VOTED', from: ERASED.id, to: CHALLENGE, value: 1 },
      { type: 'VOTED', from: ERASED.id, to: POLL, option: 'Tracing crypto-assets' },
    ],
  });
  await writeTokensFile(join(dir, 'api-tokens.json'), [
    { name: 'quillon laptop', role: 'officer', sha256: hashToken(PERSON_TOKEN), person: ERASED.id },
  ]);
  await writeFile(
    join(dir, 'bots.json'),
    JSON.stringify({
      identities: { [ERASED.chat]: { role: 'member', person: ERASED.id }, 'slack:UOTHER1': { role: 'member' } },
    }),
  );
  const audit = createAuditLog(join(dir, 'bots', 'audit.jsonl'), createPseudonymizer(dir, 90).of);
  const line = (user: string, text: string) =>
    audit.append({
      at: new Date().toISOString(),
      platform: 'slack',
      user,
      role: 'member',
      conversation: 'C1',
      dm: false,
      via: 'command',
      command: 'who-solved',
      args: { text },
      outcome: 'ok',
      ms: 3,
    });
  await line(ERASED.chat, 'drone detection at prisons');
  await line('slack:UOTHER1', `who is ${ERASED.name}?`);
  await line('slack:UOTHER1', 'cross-border money laundering');
}
