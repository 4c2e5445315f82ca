import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq, TimeStampResp } from 'pkijs';
import { toArrayBuffer } from '../pki/engine';
import { OID } from '../cms/oids';
import { checkTimestampToken, nonceInteger } from './token';

export type TimestampOutcome =
  | { readonly ok: true; readonly token: Uint8Array; readonly time: Date }
  | {
      readonly ok: false;
      readonly code: 'sign.timestamp_unreachable' | 'sign.timestamp_rejected';
      /** English, for the log. */
      readonly detail: string;
    };

/** A timestamp authority (RFC 3161). Failures are outcomes, not exceptions: signing goes on without. */
export interface TimestampClient {
  /** Asks for a token over data (for PAdES B-T: the signature value). */
  stamp(data: Uint8Array): Promise<TimestampOutcome>;
}

export interface HttpTimestampClientOptions {
  readonly url: string;
  /** Injected so the app can pass Electron's net.fetch (system proxy) and tests a local server. */
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** RFC 3161 over HTTP: POST application/timestamp-query, SHA-256 imprint, nonce, certReq. */
export function httpTimestampClient(options: HttpTimestampClientOptions): TimestampClient {
  return {
    async stamp(data) {
      const digest = createHash('sha256').update(data).digest();
      const nonce = nonceInteger(new Uint8Array(randomBytes(12)));
      const request = new TimeStampReq({
        version: 1,
        messageImprint: new MessageImprint({
          hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256 }),
          hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
        }),
        nonce,
        certReq: true,
      });
      let body: Uint8Array;
      try {
        const response = await options.fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query' },
          body: new Uint8Array(request.toSchema().toBER()),
          signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
        if (!response.ok)
          return { ok: false, code: response.status >= 500 ? 'sign.timestamp_unreachable' : 'sign.timestamp_rejected', detail: `HTTP ${response.status}` };
        body = new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        return { ok: false, code: 'sign.timestamp_unreachable', detail: err instanceof Error ? err.name : 'fetch failed' };
      }
      return readResponse(body, data, Buffer.from(nonce.valueBlock.valueHexView).toString('hex'));
    },
  };
}

function readResponse(body: Uint8Array, stamped: Uint8Array, nonce: string): TimestampOutcome {
  const rejected = (detail: string): TimestampOutcome => ({ ok: false, code: 'sign.timestamp_rejected', detail });
  let response: TimeStampResp;
  try {
    response = TimeStampResp.fromBER(toArrayBuffer(body));
  } catch {
    return rejected('response is no TimeStampResp');
  }
  if (response.status.status > 1 || !response.timeStampToken) return rejected(`PKI status ${response.status.status}`);
  const token = new Uint8Array(response.timeStampToken.toSchema().toBER());
  try {
    const check = checkTimestampToken(token, [stamped]);
    if (!check.imprintMatches) return rejected('token imprint does not match');
    if (!check.signatureValid) return rejected('token signature invalid');
    if (check.nonce !== nonce) return rejected('token nonce does not match');
    return { ok: true, token, time: check.genTime };
  } catch (err) {
    return rejected(`token unreadable: ${String(err)}`);
  }
}
