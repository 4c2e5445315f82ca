import { z } from 'zod';

/**
 * What the sync client accepts from a CMIS browser binding, checked at the border: anything else is a
 * bad response, never half-trusted data. Objects are requested with succinct=true.
 */
const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

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
