/** `driftwatch keys create|list|revoke`: API keys of the service. A key is printed once and stored hashed. */
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parseChoice } from '../parse-values.js';
import { actorOf, printJson, withStore } from '../store-access.js';

interface Common {
  readonly home?: string;
  readonly actor?: string;
  readonly json?: boolean;
}

const ROLES = ['viewer', 'operator', 'admin'] as const;

const withCommon = (cmd: Command): Command =>
  cmd.option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)').option('--actor <name>', 'who (default: the OS user)').option('--json', 'print JSON');

export function createKeysCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const keys = new Command('keys').summary('API keys of the service: create (shown once), list, revoke');

  keys.addCommand(
    withCommon(new Command('create').summary('create a key and print it (once)'))
      .requiredOption('--name <name>', 'a name for the key (who or what uses it)')
      .option('--role <role>', `viewer (read), operator (predict, ingest, approve, promote), admin (keys)`, 'operator')
      .action(async (f: Common & { name: string; role: string }) => {
        const role = parseChoice('--role', f.role, ROLES);
        const { generateApiKey } = await import('../../runtime/index.js');
        await withStore(io, f, undefined, async (store) => {
          const { key, prefix, hash } = generateApiKey();
          const actor = actorOf(f, io);
          const created = await store.transaction(async (tx) => {
            const k = await tx.apiKeys.create({ name: f.name, role, keyHash: hash, prefix, createdBy: actor });
            await tx.audit.record({ actor, action: 'api_key.created', subjectKind: 'api_key', subject: k.name, details: { role } });
            return k;
          });
          if (f.json === true) return printJson(io, { name: created.name, role: created.role, key, prefix, created_at: created.createdAt });
          io.stdout.write(`${key}\n`);
          io.stderr.write(`API key "${created.name}" (${created.role}) created. It is shown this once and stored only as a hash: keep it now.\n`);
          io.stderr.write('Use it as: Authorization: Bearer <key>\n');
        });
      }),
  );

  keys.addCommand(
    withCommon(new Command('list').summary('the keys (names, roles, prefixes; never the keys)')).action(async (f: Common) => {
      await withStore(io, f, undefined, async (store) => {
        const list = await store.apiKeys.list();
        if (f.json === true) {
          return printJson(io, list.map((k) => ({ name: k.name, role: k.role, prefix: k.prefix, created_at: k.createdAt, created_by: k.createdBy, revoked_at: k.revokedAt, last_used_at: k.lastUsedAt })));
        }
        if (list.length === 0) io.stdout.write('no API keys: `driftwatch serve` runs keyless on 127.0.0.1 only (create one with `driftwatch keys create --name NAME --role admin`)\n');
        for (const k of list) io.stdout.write(`${k.name}  ${k.role}  ${k.prefix}…  created ${k.createdAt} by ${k.createdBy}${k.revokedAt !== null ? `  revoked ${k.revokedAt}` : ''}${k.lastUsedAt !== null ? `  last used ${k.lastUsedAt}` : ''}\n`);
      });
    }),
  );

  keys.addCommand(
    withCommon(new Command('revoke').argument('<name>').summary('revoke a key (it stops working within seconds)')).action(async (name: string, f: Common) => {
      await withStore(io, f, undefined, async (store) => {
        const actor = actorOf(f, io);
        const revoked = await store.transaction(async (tx) => {
          const k = await tx.apiKeys.revoke(name);
          await tx.audit.record({ actor, action: 'api_key.revoked', subjectKind: 'api_key', subject: k.name, details: {} });
          return k;
        });
        if (f.json === true) return printJson(io, { name: revoked.name, revoked_at: revoked.revokedAt });
        io.stdout.write(`revoked API key "${revoked.name}"\n`);
      });
    }),
  );
  return keys;
}
