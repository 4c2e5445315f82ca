import type { viewerMethods } from '../../contract/methods/viewer';
import type { HandlersFor } from '../api/handler-types';
import { who } from '../api/handlers';
import { locateHits } from './hit-boxes';

export const viewerHandlers: HandlersFor<typeof viewerMethods> = {
  'documents.locateHits': (ctx, { versionUuid, q }) => locateHits(ctx, who(ctx).caller, versionUuid, q),
};
