/**
 * A real Synapse homeserver for the Matrix end-to-end tests: installed from PyPI into
 * .cache/synapse/venv by `npm run synapse:install`, started here on loopback with a generated
 * config (SQLite, no federation listener and an empty federation allow-list, registration only
 * through the shared secret, rate limits relaxed so tests are not throttled), stopped and wiped
 * after the suite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SYNAPSE_HOME =
  process.env['SYNAPSE_HOME'] === undefined ? join(ROOT, '.cache', 'synapse') : resolve(process.env['SYNAPSE_HOME']);
export const SYNAPSE_PYTHON = join(SYNAPSE_HOME, 'venv', 'bin', 'python');
export const SERVER_NAME = 'ileanet.test';

/** Why Synapse cannot run here, or undefined when it can. */
export function synapseUnavailable(): string | undefined {
  if (!existsSync(SYNAPSE_PYTHON)) {
    return `Synapse is not installed (no ${SYNAPSE_PYTHON}); run \`npm run synapse:install\``;
  }
  return undefined;
}

export interface MatrixAccount {
  readonly userId: string;
  readonly accessToken: string;
}

export interface Synapse {
  readonly url: string;
  register(localpart: string): Promise<MatrixAccount>;
  /** The homeserver's log, for a failing test's message. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

// Every limit Synapse applies to a client, raised far beyond what a test does in a second.
const relaxed = (n: number) => `{ per_second: ${n}, burst_count: ${n} }`;

/**
 * `relaxed`: every client limit far beyond what a test does. `default-messages`: Synapse's own
 * message limit (rc_message: 0.2 per second, bursts of 10), as a homeserver runs out of the box;
 * the limits on registration, joins and room creation stay relaxed so setting up is not the test.
 */
export type SynapseLimits = 'relaxed' | 'default-messages';

function homeserverYaml(dir: string, port: number, secret: string, limits: SynapseLimits = 'relaxed'): string {
  return `server_name: "${SERVER_NAME}"
pid_file: "${join(dir, 'homeserver.pid')}"
public_baseurl: "http://127.0.0.1:${port}/"
listeners:
  - port: ${port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "${join(dir, 'homeserver.db')}"
log_config: "${join(dir, 'log.yaml')}"
media_store_path: "${join(dir, 'media')}"
signing_key_path: "${join(dir, 'signing.key')}"
registration_shared_secret: "${secret}"
enable_registration: false
report_stats: false
macaroon_secret_key: "${randomBytes(24).toString('hex')}"
form_secret: "${randomBytes(24).toString('hex')}"
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
${limits === 'relaxed' ? `rc_message: ${relaxed(1000)}\n` : ''}rc_registration: ${relaxed(1000)}
rc_login:
  address: ${relaxed(1000)}
  account: ${relaxed(1000)}
  failed_attempts: ${relaxed(1000)}
rc_joins:
  local: ${relaxed(1000)}
  remote: ${relaxed(1000)}
rc_joins_per_room: ${relaxed(1000)}
rc_invites:
  per_room: ${relaxed(1000)}
  per_user: ${relaxed(1000)}
  per_issuer: ${relaxed(1000)}
rc_admin_redaction: ${relaxed(1000)}
rc_3pid_validation: ${relaxed(1000)}
rc_room_creation: ${relaxed(1000)}
`;
}

const logYaml = (dir: string) => `version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: "${join(dir, 'homeserver.log')}"
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
`;

function run(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const p = spawn(SYNAPSE_PYTHON, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err += String(d);
    });
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`synapse ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

export async function startSynapse(o: { limits?: SynapseLimits } = {}): Promise<Synapse> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-synapse-'));
  const port = await freePort();
  const secret = randomBytes(24).toString('hex');
  const config = join(dir, 'homeserver.yaml');
  await writeFile(config, homeserverYaml(dir, port, secret, o.limits));
  await writeFile(join(dir, 'log.yaml'), logYaml(dir));
  await run(['-m', 'synapse.app.homeserver', '-c', config, '--generate-keys'], dir);
  const child: ChildProcess = spawn(SYNAPSE_PYTHON, ['-m', 'synapse.app.homeserver', '-c', config], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${port}`;
  const log = async () =>
    `${output}\n${await readFile(join(dir, 'homeserver.log'), 'utf8').catch(() => '')}`.slice(-4000);

  // Cold start (database schema, keys) takes a few seconds, more on a busy two-core machine.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`Synapse exited with ${exited} while starting:\n${await log()}`);
    try {
      const r = await fetch(`${url}/_matrix/client/versions`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Synapse did not answer on ${url} within 90 s:\n${await log()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    log,
    async register(localpart) {
      // Shared-secret registration (the admin API): a nonce, then an HMAC-SHA1 over the fields.
      const nonce = ((await (await fetch(`${url}/_synapse/admin/v1/register`)).json()) as { nonce: string }).nonce;
      const password = randomBytes(12).toString('hex');
      const mac = createHmac('sha1', secret).update(`${nonce}\0${localpart}\0${password}\0notadmin`).digest('hex');
      const r = await fetch(`${url}/_synapse/admin/v1/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nonce, username: localpart, password, admin: false, mac }),
      });
      const body = (await r.json()) as { user_id?: string; access_token?: string; error?: string };
      if (!r.ok || body.user_id === undefined || body.access_token === undefined) {
        throw new Error(`registering ${localpart} failed: ${r.status} ${body.error ?? ''}`);
      }
      return { userId: body.user_id, accessToken: body.access_token };
    },
    async stop() {
      if (exited === undefined) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
