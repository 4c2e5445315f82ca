import type { XdomeaMessage } from './model';
import { readMessage, type ReadResult } from './read/read-message';
import { assertMessageSchema } from './validate/schema-validator';
import { writeMessage } from './write/write-message';
import { defaultXmlLimits, type XmlLimits } from './xml/safe-xml';

/** Reads a received message only after it passed the XSD of its version: the path for anything from outside. */
export async function readValidatedMessage(
  input: Uint8Array | string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<ReadResult> {
  await assertMessageSchema(input, limits);
  return readMessage(input, limits);
}

/** Writes a 3.1.0 message and proves it against the shipped XSD before anyone sends it. */
export async function writeValidatedMessage(message: XdomeaMessage): Promise<string> {
  const xml = writeMessage(message);
  await assertMessageSchema(xml);
  return xml;
}
