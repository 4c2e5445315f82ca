import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { CmisClient } from './client';

/** TLS: a server certificate from an unknown CA is refused; the same CA given as caFile is trusted. */
describe('DMS connection over TLS', () => {
  const dir = tempDir('eakte-tls-');
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // The system's openssl makes a throw-away CA-signed certificate for 127.0.0.1.
    const sh = (args: string[]) => execFileSync('openssl', args, { cwd: dir.path, stdio: 'ignore' });
    sh(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Stadt Test-CA', '-days', '2']);
    sh(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    execFileSync('sh', ['-c', 'printf "subjectAltName=IP:127.0.0.1" > ext.cnf'], { cwd: dir.path });
    sh(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
    server = createServer({ key: readFileSync(join(dir.path, 'server.key')), cert: readFileSync(join(dir.path, 'server.pem')) }, (_req, res) => {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/browser`;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ r: { repositoryId: 'r', rootFolderId: 'root', repositoryUrl: `${base}/r`, rootFolderUrl: `${base}/r/root` } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/browser`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    dir.remove();
  });

  it('trusts the system store plus caFile, nothing else', async () => {
    const untrusted = new CmisClient({ url, auth: { type: 'basic', username: 'u', password: 'p' } });
    await expect(untrusted.repository()).rejects.toMatchObject({ code: 'sync.server_unreachable' });
    untrusted.close();
    const trusted = new CmisClient({ url, auth: { type: 'basic', username: 'u', password: 'p' }, caFile: join(dir.path, 'ca.pem') });
    await expect(trusted.repository()).resolves.toMatchObject({ repositoryId: 'r' });
    trusted.close();
  });
});
