import type { Clock } from '../../../core/platform/clock';
import { signPdf, type SignPdfResult } from '../sign-pdf';
import type { Signer } from '../signer';
import { httpTimestampClient, type TimestampClient } from '../timestamp/timestamp-client';
import { maxPdfBytes, type SignConfig } from './config';
import { defaultStamp } from './stamp-placement';

export const timestampClientFor = (config: SignConfig): TimestampClient | undefined =>
  config.tsaUrl ? httpTimestampClient({ url: config.tsaUrl, fetch: globalThis.fetch, timeoutMs: config.tsaTimeoutMs }) : undefined;

export interface SignRequest {
  readonly signer: Signer;
  readonly clock: Clock;
  readonly reason?: string;
  readonly location?: string;
  /** 1-based page for a visible stamp. */
  readonly stampPage?: number;
}

/** Signs with the workstation's settings (TSA, size limit): the one path of the API and the CLI. */
export async function signWithConfig(pdf: Uint8Array, request: SignRequest, config: SignConfig): Promise<SignPdfResult> {
  return signPdf(pdf, {
    signer: request.signer,
    clock: request.clock,
    reason: request.reason || undefined,
    location: request.location || undefined,
    stamp: request.stampPage ? await defaultStamp(request.stampPage) : undefined,
    timestamp: timestampClientFor(config),
    maxBytes: maxPdfBytes(config),
  });
}
