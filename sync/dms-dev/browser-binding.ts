import { createReadStream, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CmisFault } from './faults';
import { parseForm, readBody, type FormData } from './form';
import { parseQuery, type ParsedQuery } from './query';
import { ROOT_ID, UNIQUE_PROPERTY, type DevObject, type DevRepository, type PropValue } from './repository';

/**
 * CMIS 1.1 browser binding over the development repository: the service document, repository and root
 * folder URLs, the selectors (GET) and actions (POST) the sync client and CmisJS use.
 */
export interface BindingOptions {
  repositoryId: string;
  /** Who is calling, from the Authorization header; null refuses the request with 401. */
  authenticate(header: string | undefined): string | null;
}

type Json = unknown;

export function createBrowserBinding(repo: DevRepository, opts: BindingOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const user = opts.authenticate(req.headers.authorization);
      if (!user) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="eakte-dms-dev"', 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ exception: 'unauthorized', message: 'authentication required' }));
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const base = `http://${req.headers.host ?? 'localhost'}/browser`;
      const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (segments[0] !== 'browser') throw new CmisFault('objectNotFound', 'not a browser binding URL');
      if (segments.length === 1) return sendJson(res, 200, { [opts.repositoryId]: repositoryInfo(repo, opts.repositoryId, base) });
      if (segments[1] !== opts.repositoryId) throw new CmisFault('objectNotFound', 'unknown repository');
      const form = req.method === 'POST' ? parseForm(req.headers['content-type'] ?? '', await readBody(req), url.searchParams) : parseForm('', Buffer.alloc(0), url.searchParams);
      const succinct = form.params.get('succinct') === 'true';
      const render = (o: DevObject) => renderObject(repo, o, succinct);
      if (segments[2] === undefined) return await repositoryCall(repo, opts.repositoryId, base, req.method ?? 'GET', form, render, res, user);
      if (segments[2] !== 'root') throw new CmisFault('objectNotFound', 'unknown URL');
      const target = form.params.get('objectId')
        ? repo.get(form.params.get('objectId') as string)
        : repo.byPath(segments.slice(3).join('/'));
      if (req.method === 'POST') return await objectAction(repo, target, form, render, res, user);
      return objectSelector(repo, target, form, render, res);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof CmisFault) return sendJson(res, err.status, { exception: err.exception, message: err.message });
      sendJson(res, 500, { exception: 'runtime', message: err instanceof Error ? err.message : String(err) });
    }
  };
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function repositoryInfo(repo: DevRepository, id: string, base: string) {
  return {
    repositoryId: id,
    repositoryName: 'eAkte Entwicklungs-DMS',
    repositoryDescription: 'CMIS 1.1 browser binding for development and tests',
    vendorName: 'eAkte Desk',
    productName: 'eakte dms-dev',
    productVersion: '1',
    rootFolderId: ROOT_ID,
    cmisVersionSupported: '1.1',
    latestChangeLogToken: repo.latestChangeToken,
    changesIncomplete: false,
    changesOnType: ['cmis:document', 'cmis:folder'],
    principalIdAnonymous: 'anonymous',
    principalIdAnyone: 'anyone',
    capabilities: {
      capabilityContentStreamUpdatability: 'pwconly',
      capabilityChanges: 'properties',
      capabilityRenditions: 'none',
      capabilityGetDescendants: false,
      capabilityGetFolderTree: false,
      capabilityMultifiling: false,
      capabilityUnfiling: false,
      capabilityVersionSpecificFiling: false,
      capabilityPWCSearchable: true,
      capabilityPWCUpdatable: true,
      capabilityAllVersionsSearchable: false,
      capabilityOrderBy: 'none',
      capabilityQuery: 'metadataonly',
      capabilityJoin: 'none',
      capabilityACL: 'none',
    },
    repositoryUrl: `${base}/${encodeURIComponent(id)}`,
    rootFolderUrl: `${base}/${encodeURIComponent(id)}/root`,
  };
}

function cmisProperties(repo: DevRepository, o: DevObject): Record<string, PropValue> {
  const p: Record<string, PropValue> = {
    'cmis:objectId': o.id,
    'cmis:baseTypeId': o.baseTypeId,
    'cmis:objectTypeId': o.typeId,
    'cmis:secondaryObjectTypeIds': o.secondaryTypeIds,
    'cmis:name': o.name,
    'cmis:description': null,
    'cmis:createdBy': o.createdBy,
    'cmis:creationDate': o.creationDate,
    'cmis:lastModifiedBy': o.lastModifiedBy,
    'cmis:lastModificationDate': o.lastModificationDate,
    'cmis:changeToken': o.changeToken,
  };
  if (o.baseTypeId === 'cmis:folder') {
    p['cmis:parentId'] = o.parentId;
    p['cmis:path'] = repo.pathOf(o);
    p['cmis:allowedChildObjectTypeIds'] = null;
  } else {
    const s = repo.seriesOf(o);
    const latest = s?.versionIds.at(-1);
    const c = o.content;
    Object.assign(p, {
      'cmis:isImmutable': false,
      'cmis:isLatestVersion': o.id === latest,
      'cmis:isMajorVersion': o.versionLabel?.endsWith('.0') ?? false,
      'cmis:isLatestMajorVersion': o.id === latest,
      'cmis:isPrivateWorkingCopy': o.isPwc,
      'cmis:versionLabel': o.versionLabel,
      'cmis:versionSeriesId': o.versionSeriesId,
      'cmis:isVersionSeriesCheckedOut': Boolean(s?.pwcId),
      'cmis:versionSeriesCheckedOutBy': s?.checkedOutBy ?? null,
      'cmis:versionSeriesCheckedOutId': s?.pwcId ?? null,
      'cmis:checkinComment': o.checkinComment,
      'cmis:contentStreamLength': c?.length ?? null,
      'cmis:contentStreamMimeType': c?.mimeType ?? null,
      'cmis:contentStreamFileName': c?.fileName ?? null,
      'cmis:contentStreamId': c?.id ?? null,
      'cmis:contentStreamHash': c?.sha256 ? [`{sha-256}${c.sha256}`] : null,
    });
  }
  return { ...p, ...o.props };
}

function renderObject(repo: DevRepository, o: DevObject, succinct: boolean): Json {
  const props = cmisProperties(repo, o);
  if (succinct) return { succinctProperties: props };
  return {
    properties: Object.fromEntries(
      Object.entries(props).map(([id, value]) => [
        id,
        { id, localName: id, queryName: id, displayName: id, cardinality: Array.isArray(value) ? 'multi' : 'single', value },
      ]),
    ),
  };
}

function paged<T>(items: T[], form: FormData): { page: T[]; hasMoreItems: boolean; numItems: number } {
  const skip = Number(form.params.get('skipCount') ?? 0) || 0;
  const max = Number(form.params.get('maxItems') ?? 1000) || 1000;
  return { page: items.slice(skip, skip + max), hasMoreItems: skip + max < items.length, numItems: items.length };
}

/** Latest versions and, as capabilityPWCSearchable says, private working copies. */
function matches(repo: DevRepository, o: DevObject, q: ParsedQuery): boolean {
  if (!o.isPwc && repo.latestOf(o) !== o) return false;
  const typeOk =
    q.typeId === o.typeId || q.typeId === o.baseTypeId || o.secondaryTypeIds.includes(q.typeId);
  if (!typeOk || o.id === ROOT_ID) return false;
  const props = cmisProperties(repo, o);
  return q.conditions.every((c) => {
    if (c.kind === 'inFolder') return o.parentId === c.folderId;
    if (c.kind === 'inTree') return repo.isInTree(o, c.folderId);
    const v = props[c.property];
    return Array.isArray(v) ? v.map(String).includes(c.value) : v !== null && v !== undefined && String(v) === c.value;
  });
}

async function repositoryCall(
  repo: DevRepository,
  id: string,
  base: string,
  method: string,
  form: FormData,
  render: (o: DevObject) => Json,
  res: ServerResponse,
  _user: string,
): Promise<void> {
  const selector = form.params.get('cmisselector') ?? (method === 'POST' ? form.params.get('cmisaction') : 'repositoryInfo');
  switch (selector) {
    case 'repositoryInfo':
      return sendJson(res, 200, { [id]: repositoryInfo(repo, id, base) });
    case 'query': {
      const q = parseQuery(form.params.get('statement') ?? form.params.get('q') ?? '');
      // The unique property is indexed: the sync client's look-up by uuid does not scan the repository.
      const byUuid = q.conditions.find((c) => c.kind === 'equals' && c.property === UNIQUE_PROPERTY);
      const candidates = byUuid?.kind === 'equals' ? repo.byUniqueValue(byUuid.value) : repo.objects.values();
      const hits = [...candidates].filter((o) => matches(repo, o, q));
      const { page, hasMoreItems, numItems } = paged(hits, form);
      return sendJson(res, 200, { results: page.map(render), hasMoreItems, numItems });
    }
    case 'contentChanges': {
      const max = Number(form.params.get('maxItems') ?? 1000) || 1000;
      const { events, hasMore } = repo.changesSince(form.params.get('changeLogToken') ?? null, max);
      const withProps = form.params.get('includeProperties') === 'true';
      const objects = events.map((e) => {
        const live = withProps && e.changeType !== 'deleted' ? repo.objects.get(e.objectId) : undefined;
        const body = (live ? render(live) : minimalProps(e.objectId, form)) as Record<string, Json>;
        return { ...body, changeEventInfo: { changeType: e.changeType, changeTime: e.time } };
      });
      const token = events.at(-1)?.seq ?? Number(form.params.get('changeLogToken') ?? repo.latestChangeToken);
      return sendJson(res, 200, { objects, hasMoreItems: hasMore, numItems: objects.length, changeLogToken: String(token) });
    }
    case 'typeDefinition':
      return sendJson(res, 200, typeDefinition(form.params.get('typeId') ?? 'cmis:document'));
    case 'typeChildren':
      return sendJson(res, 200, { types: ['cmis:document', 'cmis:folder'].map(typeDefinition), hasMoreItems: false, numItems: 2 });
    default:
      throw new CmisFault('notSupported', `repository selector ${selector}`);
  }
}

const minimalProps = (objectId: string, form: FormData): Json =>
  form.params.get('succinct') === 'true'
    ? { succinctProperties: { 'cmis:objectId': objectId } }
    : { properties: { 'cmis:objectId': { id: 'cmis:objectId', value: objectId } } };

function typeDefinition(id: string) {
  const base = id === 'cmis:folder' ? 'cmis:folder' : 'cmis:document';
  return {
    id,
    localName: id,
    queryName: id,
    displayName: id,
    baseId: base,
    parentId: null,
    creatable: true,
    fileable: true,
    queryable: true,
    controllablePolicy: false,
    controllableACL: false,
    fulltextIndexed: false,
    includedInSupertypeQuery: true,
    ...(base === 'cmis:document' ? { versionable: true, contentStreamAllowed: 'allowed' } : {}),
    propertyDefinitions: {},
  };
}

function objectSelector(repo: DevRepository, o: DevObject, form: FormData, render: (o: DevObject) => Json, res: ServerResponse): void {
  const selector = form.params.get('cmisselector') ?? (o.baseTypeId === 'cmis:folder' ? 'children' : 'content');
  const target = form.params.get('returnVersion') && form.params.get('returnVersion') !== 'this' ? repo.latestOf(o) : o;
  switch (selector) {
    case 'object':
      return sendJson(res, 200, render(target));
    case 'properties': {
      const r = render(target) as Record<string, Json>;
      return sendJson(res, 200, r.succinctProperties ?? r.properties);
    }
    case 'children': {
      const { page, hasMoreItems, numItems } = paged(repo.children(o.id), form);
      return sendJson(res, 200, { objects: page.map((c) => ({ object: render(c) })), hasMoreItems, numItems });
    }
    case 'parent':
    case 'parents': {
      const parent = o.parentId ? repo.get(o.parentId) : null;
      if (selector === 'parent') {
        if (!parent) throw new CmisFault('invalidArgument', 'the root folder has no parent');
        return sendJson(res, 200, render(parent));
      }
      return sendJson(res, 200, parent ? [{ object: render(parent), relativePathSegment: o.name }] : []);
    }
    case 'versions': {
      if (!o.versionSeriesId) throw new CmisFault('invalidArgument', 'not a document');
      return sendJson(res, 200, repo.versions(o.versionSeriesId).map(render));
    }
    case 'allowableActions':
      return sendJson(res, 200, { canGetProperties: true, canUpdateProperties: true, canDeleteObject: true, canGetContentStream: Boolean(o.content) });
    case 'content': {
      if (!o.content) throw new CmisFault('constraint', 'no content stream');
      const c = o.content;
      const headers = {
        'Content-Type': c.mimeType,
        'Content-Length': c.length,
        'Content-Disposition': `${form.params.get('download') === 'attachment' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(c.fileName)}`,
      };
      if (c.length <= WHOLE_CONTENT) return sendWhole(res, headers, repo.contentPath(c.id), c.length);
      res.writeHead(200, headers);
      createReadStream(repo.contentPath(c.id), { start: 0, end: Math.max(0, c.length - 1) })
        .on('error', () => res.destroy())
        .pipe(res);
      if (c.length === 0) res.end();
      return;
    }
    default:
      throw new CmisFault('notSupported', `object selector ${selector}`);
  }
}

/** Contents up to this size go out in one read and one write: a stream costs the server several times more per file. */
const WHOLE_CONTENT = 1024 * 1024;

function sendWhole(res: ServerResponse, headers: Record<string, string | number>, path: string, length: number): void {
  let body: Buffer;
  try {
    // The file may be longer than the content (bytes of an interrupted append are cut off only at restart).
    body = readFileSync(path).subarray(0, length);
  } catch {
    return void res.destroy();
  }
  if (body.length < length) return void res.destroy();
  res.writeHead(200, headers);
  res.end(body);
}

/** propertyId[i] / propertyValue[i] (single) or propertyValue[i][j] (multi), as the browser binding sends them. */
export function formProperties(form: FormData): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  for (const [key, id] of form.params) {
    const m = /^propertyId\[(\d+)\]$/.exec(key);
    if (!m) continue;
    const i = m[1];
    if (form.params.has(`propertyValue[${i}]`)) {
      out[id] = form.params.get(`propertyValue[${i}]`) as string;
      continue;
    }
    const multi: string[] = [];
    for (let j = 0; form.params.has(`propertyValue[${i}][${j}]`); j++) multi.push(form.params.get(`propertyValue[${i}][${j}]`) as string);
    out[id] = multi.length ? multi : null;
  }
  return out;
}

function indexed(form: FormData, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; form.params.has(`${prefix}[${i}]`); i++) out.push(form.params.get(`${prefix}[${i}]`) as string);
  return out;
}

function splitProperties(all: Record<string, PropValue>) {
  const custom: Record<string, PropValue> = {};
  for (const [k, v] of Object.entries(all)) if (!k.startsWith('cmis:')) custom[k] = v;
  const secondary = all['cmis:secondaryObjectTypeIds'];
  return {
    name: typeof all['cmis:name'] === 'string' ? all['cmis:name'] : null,
    typeId: typeof all['cmis:objectTypeId'] === 'string' ? all['cmis:objectTypeId'] : null,
    secondary: secondary === undefined ? null : Array.isArray(secondary) ? secondary.map(String) : secondary === null ? [] : [String(secondary)],
    custom,
  };
}

async function objectAction(
  repo: DevRepository,
  o: DevObject,
  form: FormData,
  render: (o: DevObject) => Json,
  res: ServerResponse,
  user: string,
): Promise<void> {
  const action = form.params.get('cmisaction');
  const token = form.params.get('changeToken') ?? null;
  const props = splitProperties(formProperties(form));
  const content = form.content;
  switch (action) {
    case 'createFolder': {
      if (!props.name) throw new CmisFault('invalidArgument', 'cmis:name missing');
      const f = repo.createFolder(user, o.id, props.typeId ?? 'cmis:folder', props.secondary ?? [], props.name, props.custom);
      return sendJson(res, 201, render(f));
    }
    case 'createDocument': {
      if (!props.name) throw new CmisFault('invalidArgument', 'cmis:name missing');
      const state = (form.params.get('versioningState') ?? 'major') as 'none' | 'major' | 'minor' | 'checkedout';
      const d = repo.createDocument(user, o.id, { typeId: props.typeId ?? 'cmis:document', secondary: props.secondary ?? [], name: props.name, props: props.custom }, content, state);
      return sendJson(res, 201, render(d));
    }
    case 'update': {
      const secondary = props.secondary ?? applySecondaryChanges(o.secondaryTypeIds, indexed(form, 'addSecondaryTypeId'), indexed(form, 'removeSecondaryTypeId'));
      return sendJson(res, 200, render(repo.updateProperties(user, o.id, token, props.custom, props.name, secondary)));
    }
    case 'move': {
      const target = form.params.get('targetFolderId');
      if (!target) throw new CmisFault('invalidArgument', 'targetFolderId missing');
      return sendJson(res, 200, render(repo.move(user, o.id, target, form.params.get('sourceFolderId') ?? null)));
    }
    case 'delete':
      repo.delete(user, o.id, form.params.get('allVersions') !== 'false');
      return sendJson(res, 200, {});
    case 'checkOut':
      return sendJson(res, 200, render(repo.checkOut(user, o.id)));
    case 'cancelCheckOut':
      repo.cancelCheckOut(user, o.id);
      return sendJson(res, 200, {});
    case 'checkIn': {
      let pwc = o;
      if (content) pwc = repo.setContent(user, o.id, token, content, true);
      const v = repo.checkIn(user, pwc.id, content ? null : token, props.custom, form.params.get('checkinComment') ?? null, form.params.get('major') !== 'false');
      return sendJson(res, 201, render(v));
    }
    case 'setContent':
      if (!content) throw new CmisFault('invalidArgument', 'content missing');
      return sendJson(res, 201, render(repo.setContent(user, o.id, token, content, form.params.get('overwriteFlag') !== 'false')));
    case 'appendContent':
      if (!content) throw new CmisFault('invalidArgument', 'content missing');
      return sendJson(res, 200, render(repo.appendContent(user, o.id, token, content, form.params.get('isLastChunk') === 'true')));
    case 'deleteContent':
      return sendJson(res, 200, render(repo.setContent(user, o.id, token, null, true)));
    default:
      throw new CmisFault('notSupported', `action ${action}`);
  }
}

function applySecondaryChanges(current: string[], add: string[], remove: string[]): string[] | null {
  if (!add.length && !remove.length) return null;
  return [...new Set([...current, ...add])].filter((t) => !remove.includes(t));
}
