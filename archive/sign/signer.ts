/**
 * Whoever holds the private key: a PKCS#12 file in memory, a smart card or an HSM. The key never has
 * to leave its holder; signing code only sees certificates and signature values.
 */
export interface Signer {
  /** DER certificates: the signer's own first, then its issuers (the root may be left out). */
  readonly certificateChain: readonly Uint8Array[];
  /**
   * Signs `data` with SHA-256: PKCS#1 v1.5 for RSA keys, ECDSA (DER-encoded) for EC keys; the key type
   * follows from the first certificate.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A signer that holds a resource (a PKCS#11 session) and must be closed. */
export interface ClosableSigner extends Signer {
  close(): void;
}
