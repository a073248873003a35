// `token`: mints a bearer JWT for the REST API with the secret the hub uses (HUB_JWT_SECRET, or the dev
// secret of the embedded run under HUB_DATA_DIR), so a person can try the API or /docs at once.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { mintToken } from '../../api/platform/auth.ts';
import { resolveJwtSecret } from '../../api/platform/jwt-secret.ts';
import { ROLES, type Role } from '../../api/platform/types.ts';
import { SetupError } from '../../platform/setup-error.ts';
import type { CliCommand } from '../command-registry.ts';

const USAGE = `usage: npm run hub -- token --role <${ROLES.join('|')}> [--staff S001] [--areas A1,A2] [--ttl-hours 8] [--subject name]`;

const token: CliCommand = {
  name: 'token',
  summary: 'mint a bearer JWT for the REST API (--role, --staff for managers, --areas for supervisors)',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: {
          role: { type: 'string' },
          staff: { type: 'string' },
          areas: { type: 'string' },
          'ttl-hours': { type: 'string', default: '8' },
          subject: { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
      return 2;
    }
    const role = values.role as Role | undefined;
    const ttlHours = Number(values['ttl-hours']);
    const areas = values.areas?.split(',').map((a) => a.trim()).filter((a) => a !== '');
    const problem =
      role === undefined || !ROLES.includes(role) ? 'give --role' :
      role === 'customer_manager' && !values.staff ? 'a customer manager needs --staff' :
      role === 'area_supervisor' && !areas?.length ? 'an area supervisor needs --areas' :
      !(ttlHours > 0 && ttlHours <= 24 * 30) ? '--ttl-hours must be above 0 and at most 720' : undefined;
    if (problem) {
      io.err(`${problem}\n${USAGE}\n`);
      return 2;
    }
    const config = loadConfig(io.env, { cwd: io.cwd });
    const jwt = resolveJwtSecret(config);
    if (!jwt.secret) throw new SetupError('HUB_JWT_SECRET is unset and LEGACY_MODE is not simulator: there is no secret to sign with.');
    const minted = await mintToken(jwt.secret, {
      role: role!,
      staffId: values.staff,
      areas,
      subject: values.subject,
      ttlSeconds: Math.round(ttlHours * 3600),
    });
    io.out(`${minted}\n`);
    io.err(`signed with the ${jwt.origin === 'dev secret' ? `dev secret in ${jwt.file}` : 'HUB_JWT_SECRET'}; valid ${ttlHours} h. Use: Authorization: Bearer <token>\n`);
    return 0;
  },
};

export default token;
