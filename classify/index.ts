export { referenceTypes, type Reference, type ReferenceType } from './references/types';
export { referenceKey } from './references/reference-key';
