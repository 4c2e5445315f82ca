import { z } from 'zod';

/**
 * What the sync client accepts from a CMIS browser binding, checked at the border: anything else is a
 * bad response, never half-trusted data. Objects are requested with succinct=true.
 */
type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
// A hand-written check of the same shape as a union of string, number, boolean, null and arrays of those:
// the union cost more than the rest of reading a listing of 1,000 objects.
const PropertyValue = z.custom<Scalar | null | Scalar[]>((v) => v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar)), 'Eigenschaftswert ungültig');

export const Properties = z.record(z.string(), PropertyValue);
export type Properties = z.infer<typeof Properties>;

export const CmisObject = z.object({
  succinctProperties: Properties.refine((p) => typeof p['cmis:objectId'] === 'string', 'cmis:objectId missing'),
});
export type CmisObject = z.infer<typeof CmisObject>;

export const RepositoryInfo = z.object({
  repositoryId: z.string().min(1),
  rootFolderId: z.string().min(1),
  latestChangeLogToken: z.string().nullable().optional(),
  changesIncomplete: z.boolean().optional(),
  repositoryUrl: z.string().url(),
  rootFolderUrl: z.string().url(),
  capabilities: z.object({ capabilityChanges: z.string().optional() }).passthrough().optional(),
});
export type RepositoryInfo = z.infer<typeof RepositoryInfo>;

export const ServiceDocument = z.record(z.string(), RepositoryInfo);

export const ObjectList = z.object({
  objects: z.array(z.object({ object: CmisObject })),
  hasMoreItems: z.boolean(),
});

export const QueryResult = z.object({ results: z.array(CmisObject), hasMoreItems: z.boolean() });

export const Parents = z.array(z.object({ object: CmisObject }));

export const Versions = z.array(CmisObject);

export const ContentChanges = z.object({
  objects: z.array(
    CmisObject.extend({
      changeEventInfo: z.object({ changeType: z.enum(['created', 'updated', 'deleted', 'security']), changeTime: z.number().optional() }),
    }),
  ),
  hasMoreItems: z.boolean(),
  changeLogToken: z.string().nullable().optional(),
});
export type ContentChanges = z.infer<typeof ContentChanges>;

export const CmisErrorBody = z.object({ exception: z.string(), message: z.string().optional() });
