/**
 * A local RFC 3161 timestamp authority for tests: a tiny node:http handler on 127.0.0.1 that lets
 * `openssl ts -reply` answer each query, so tokens come from an independent implementation.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestIdentity } from './test-pki';

const run = promisify(execFile);

export interface TestTsa {
  readonly url: string;
  /** Number of queries answered so far. */
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startTestTsa(dir: string, tsa: TestIdentity, caCert: string): Promise<TestTsa> {
  const config = join(dir, 'tsa.cnf');
  await writeFile(join(dir, 'tsaserial'), '01\n');
  await writeFile(
    config,
    `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ${join(dir, 'tsaserial')}
signer_cert = ${tsa.cert}
signer_key = ${tsa.key}
certs = ${caCert}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++count;
      const query = join(dir, `q${n}.tsq`);
      const reply = join(dir, `r${n}.tsr`);
      writeFile(query, Buffer.concat(chunks))
        .then(() => run('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply]))
        .then(() => readFile(reply))
        .then((body) => {
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests: () => count,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
