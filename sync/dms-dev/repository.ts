import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CmisFault } from './faults';

/**
 * The development DMS's repository: folders, documents with version series, properties, content streams
 * and a change log. State lives in memory and in an append-only journal (one JSON line per change), so a
 * killed server comes back with everything it had acknowledged; contents are files under content/.
 */

export type PropValue = string | number | boolean | null | readonly (string | number | boolean)[];

export interface ContentInfo {
  id: string;
  length: number;
  mimeType: string;
  fileName: string;
  /** Known once the content is complete (not while a working copy is being appended to). */
  sha256: string | null;
}

export interface DevObject {
  id: string;
  baseTypeId: 'cmis:folder' | 'cmis:document';
  typeId: string;
  secondaryTypeIds: string[];
  name: string;
  parentId: string | null;
  props: Record<string, PropValue>;
  createdBy: string;
  creationDate: number;
  lastModifiedBy: string;
  lastModificationDate: number;
  changeToken: string;
  versionSeriesId: string | null;
  versionLabel: string | null;
  isPwc: boolean;
  checkinComment: string | null;
  content: ContentInfo | null;
}

export interface Series {
  id: string;
  versionIds: string[];
  pwcId: string | null;
  checkedOutBy: string | null;
}

export interface ChangeEvent {
  seq: number;
  objectId: string;
  changeType: 'created' | 'updated' | 'deleted';
  time: number;
}

type JournalEntry =
  | { t: 'obj'; o: DevObject }
  | { t: 'del'; id: string }
  | { t: 'series'; s: Series }
  | { t: 'series-del'; id: string }
  | { t: 'chg'; e: ChangeEvent };

/** The property whose value must be unique per folder or version series: replays cannot create twins. */
export const UNIQUE_PROPERTY = 'eakte:uuid';
export const ROOT_ID = 'root';

export class DevRepository {
  readonly objects = new Map<string, DevObject>();
  readonly series = new Map<string, Series>();
  readonly changes: ChangeEvent[] = [];
  private readonly uniqueIndex = new Map<string, string>();
  /** Object ids per parent folder, so listing and name checks do not scan the whole repository. */
  private readonly childIndex = new Map<string, Set<string>>();
  private readonly journalPath: string;
  private readonly contentDir: string;
  private tokenCounter = 0;
  /**
   * Behave like DMSs whose check-out changes the checked-in version itself (Alfresco adds the checked-out
   * aspect and the lock to it): a new change token, modification date and change-log entry. Off by default.
   */
  checkOutTouchesVersion = false;

  constructor(
    readonly dataDir: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.contentDir = join(dataDir, 'content');
    mkdirSync(this.contentDir, { recursive: true });
    this.journalPath = join(dataDir, 'journal.jsonl');
    if (existsSync(this.journalPath)) this.replay();
    if (!this.objects.has(ROOT_ID)) {
      const now = this.clock();
      this.putObject({
        id: ROOT_ID,
        baseTypeId: 'cmis:folder',
        typeId: 'cmis:folder',
        secondaryTypeIds: [],
        name: '',
        parentId: null,
        props: {},
        createdBy: 'system',
        creationDate: now,
        lastModifiedBy: 'system',
        lastModificationDate: now,
        changeToken: this.nextToken(),
        versionSeriesId: null,
        versionLabel: null,
        isPwc: false,
        checkinComment: null,
        content: null,
      });
    }
  }

  get latestChangeToken(): string {
    return String(this.changes.at(-1)?.seq ?? 0);
  }

  private replay(): void {
    const lines = readFileSync(this.journalPath, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch (err) {
        // Only the very last line can be torn by a kill; anything earlier is damage.
        if (i >= lines.length - 2) break;
        throw err;
      }
      this.applyEntry(entry);
    }
    // A kill between appending bytes and journalling the new length leaves extra bytes: cut them off.
    for (const o of this.objects.values()) {
      if (!o.content) continue;
      const path = this.contentPath(o.content.id);
      if (existsSync(path) && statSync(path).size > o.content.length) truncateSync(path, o.content.length);
    }
  }

  private applyEntry(entry: JournalEntry): void {
    switch (entry.t) {
      case 'obj': {
        const previous = this.objects.get(entry.o.id);
        if (previous?.parentId) this.childIndex.get(previous.parentId)?.delete(previous.id);
        if (entry.o.parentId) {
          const set = this.childIndex.get(entry.o.parentId) ?? new Set<string>();
          set.add(entry.o.id);
          this.childIndex.set(entry.o.parentId, set);
        }
        this.objects.set(entry.o.id, entry.o);
        this.tokenCounter = Math.max(this.tokenCounter, Number(entry.o.changeToken));
        this.indexUnique(entry.o);
        break;
      }
      case 'del': {
        const o = this.objects.get(entry.id);
        if (o) this.unindexUnique(o);
        if (o?.parentId) this.childIndex.get(o.parentId)?.delete(o.id);
        this.objects.delete(entry.id);
        break;
      }
      case 'series':
        this.series.set(entry.s.id, entry.s);
        break;
      case 'series-del':
        this.series.delete(entry.id);
        break;
      case 'chg':
        this.changes.push(entry.e);
        break;
    }
  }

  private journal(entry: JournalEntry): void {
    appendFileSync(this.journalPath, JSON.stringify(entry) + '\n');
    this.applyEntry(entry);
  }

  private nextToken(): string {
    return String(++this.tokenCounter);
  }

  private uniqueKey(o: DevObject): string | null {
    const v = o.props[UNIQUE_PROPERTY];
    return typeof v === 'string' && v ? `${o.baseTypeId}|${v}` : null;
  }

  private indexUnique(o: DevObject): void {
    const key = this.uniqueKey(o);
    if (key) this.uniqueIndex.set(key, o.versionSeriesId ?? o.id);
  }

  private unindexUnique(o: DevObject): void {
    const key = this.uniqueKey(o);
    if (!key || this.uniqueIndex.get(key) !== (o.versionSeriesId ?? o.id)) return;
    // Other versions of the same series may still carry the value.
    const owner = o.versionSeriesId ?? o.id;
    const still = [...this.objects.values()].some((x) => x !== o && (x.versionSeriesId ?? x.id) === owner && this.uniqueKey(x) === key);
    if (!still) this.uniqueIndex.delete(key);
  }

  private checkUnique(o: DevObject): void {
    const key = this.uniqueKey(o);
    if (!key) return;
    const owner = this.uniqueIndex.get(key);
    if (owner && owner !== (o.versionSeriesId ?? o.id)) {
      throw new CmisFault('constraint', `${UNIQUE_PROPERTY} already used by ${owner}`);
    }
  }

  private putObject(o: DevObject): void {
    this.journal({ t: 'obj', o });
  }

  private logChange(objectId: string, changeType: ChangeEvent['changeType']): void {
    const seq = (this.changes.at(-1)?.seq ?? 0) + 1;
    this.journal({ t: 'chg', e: { seq, objectId, changeType, time: this.clock() } });
  }

  contentPath(contentId: string): string {
    return join(this.contentDir, contentId);
  }

  // ---- reading -------------------------------------------------------------------------------------

  get(id: string): DevObject {
    const o = this.objects.get(id);
    if (o) return o;
    // A version series id stands for its latest version, as returnVersion=latest would.
    const s = this.series.get(id);
    const latest = s ? (s.versionIds.at(-1) ?? s.pwcId) : undefined;
    if (latest) return this.get(latest);
    throw new CmisFault('objectNotFound', `no object ${id}`);
  }

  latestOf(o: DevObject): DevObject {
    if (!o.versionSeriesId) return o;
    const s = this.series.get(o.versionSeriesId);
    const latest = s?.versionIds.at(-1);
    return latest ? this.get(latest) : o;
  }

  seriesOf(o: DevObject): Series | null {
    return o.versionSeriesId ? (this.series.get(o.versionSeriesId) ?? null) : null;
  }

  byPath(path: string): DevObject {
    let current = this.get(ROOT_ID);
    for (const segment of path.split('/').filter(Boolean)) {
      const next = this.children(current.id).find((c) => c.name === segment);
      if (!next) throw new CmisFault('objectNotFound', `no object at ${path}`);
      current = next;
    }
    return current;
  }

  pathOf(o: DevObject): string {
    const names: string[] = [];
    for (let cur: DevObject | undefined = o; cur && cur.id !== ROOT_ID; cur = cur.parentId ? this.objects.get(cur.parentId) : undefined) {
      names.unshift(cur.name);
    }
    return '/' + names.join('/');
  }

  /** Folders and the latest version of each document (working copies are private). */
  children(folderId: string): DevObject[] {
    return [...(this.childIndex.get(folderId) ?? [])]
      .map((id) => this.objects.get(id) as DevObject)
      .filter((o) => !o.isPwc && this.latestOf(o) === o);
  }

  isInTree(o: DevObject, folderId: string): boolean {
    for (let p = o.parentId; p; p = this.objects.get(p)?.parentId ?? null) if (p === folderId) return true;
    return false;
  }

  /** Every object (folder, or each version and working copy of a series) whose unique property has this value. */
  byUniqueValue(value: string): DevObject[] {
    const out: DevObject[] = [];
    for (const base of ['cmis:folder', 'cmis:document']) {
      const owner = this.uniqueIndex.get(`${base}|${value}`);
      if (!owner) continue;
      const s = this.series.get(owner);
      const ids = s ? [...s.versionIds, ...(s.pwcId ? [s.pwcId] : [])] : [owner];
      for (const id of ids) {
        const o = this.objects.get(id);
        if (o) out.push(o);
      }
    }
    return out;
  }

  versions(seriesId: string): DevObject[] {
    const s = this.series.get(seriesId);
    if (!s) throw new CmisFault('objectNotFound', `no version series ${seriesId}`);
    return [...(s.pwcId ? [s.pwcId] : []), ...[...s.versionIds].reverse()].map((id) => this.get(id));
  }

  changesSince(token: string | null, max: number): { events: ChangeEvent[]; hasMore: boolean } {
    const from = token ? Number(token) : 0;
    if (!Number.isInteger(from) || from < 0) throw new CmisFault('invalidArgument', 'bad change log token');
    const start = this.changes.findIndex((e) => e.seq > from);
    if (start < 0) return { events: [], hasMore: false };
    const events = this.changes.slice(start, start + max);
    return { events, hasMore: start + max < this.changes.length };
  }

  // ---- writing -------------------------------------------------------------------------------------

  private base(user: string, fields: Partial<DevObject> & Pick<DevObject, 'baseTypeId' | 'name'>): DevObject {
    const now = this.clock();
    return {
      id: randomUUID(),
      typeId: fields.baseTypeId,
      secondaryTypeIds: [],
      parentId: null,
      props: {},
      createdBy: user,
      creationDate: now,
      lastModifiedBy: user,
      lastModificationDate: now,
      changeToken: this.nextToken(),
      versionSeriesId: null,
      versionLabel: null,
      isPwc: false,
      checkinComment: null,
      content: null,
      ...fields,
    };
  }

  private requireFolder(id: string): DevObject {
    const f = this.get(id);
    if (f.baseTypeId !== 'cmis:folder') throw new CmisFault('invalidArgument', `${id} is not a folder`);
    return f;
  }

  private checkName(parentId: string, name: string, self: string | null): void {
    if (!name || name.includes('/')) throw new CmisFault('nameConstraintViolation', 'invalid name');
    const clash = this.children(parentId).find((c) => c.name === name && (c.versionSeriesId ?? c.id) !== self);
    if (clash) throw new CmisFault('nameConstraintViolation', `name exists in folder`);
  }

  private checkToken(o: DevObject, token: string | null): void {
    if (token !== null && token !== o.changeToken) throw new CmisFault('updateConflict', `change token ${token} is stale`);
  }

  createFolder(user: string, parentId: string, typeId: string, secondary: string[], name: string, props: Record<string, PropValue>): DevObject {
    this.requireFolder(parentId);
    this.checkName(parentId, name, null);
    const o = this.base(user, { baseTypeId: 'cmis:folder', typeId, secondaryTypeIds: secondary, name, parentId, props });
    this.checkUnique(o);
    this.putObject(o);
    this.logChange(o.id, 'created');
    return o;
  }

  createDocument(
    user: string,
    parentId: string,
    fields: { typeId: string; secondary: string[]; name: string; props: Record<string, PropValue> },
    content: { bytes: Buffer; mimeType: string; fileName: string } | null,
    versioningState: 'none' | 'major' | 'minor' | 'checkedout',
  ): DevObject {
    this.requireFolder(parentId);
    const seriesId = randomUUID();
    this.checkName(parentId, fields.name, seriesId);
    const checkedOut = versioningState === 'checkedout';
    const o = this.base(user, {
      baseTypeId: 'cmis:document',
      typeId: fields.typeId,
      secondaryTypeIds: fields.secondary,
      name: fields.name,
      parentId,
      props: fields.props,
      versionSeriesId: seriesId,
      versionLabel: checkedOut ? 'pwc' : '1.0',
      isPwc: checkedOut,
      content: content ? this.writeContent(content) : null,
    });
    o.id = `${seriesId};${o.versionLabel}`;
    this.checkUnique(o);
    this.journal({ t: 'series', s: { id: seriesId, versionIds: checkedOut ? [] : [o.id], pwcId: checkedOut ? o.id : null, checkedOutBy: checkedOut ? user : null } });
    this.putObject(o);
    if (!checkedOut) this.logChange(o.id, 'created');
    return o;
  }

  private writeContent(c: { bytes: Buffer; mimeType: string; fileName: string }): ContentInfo {
    const id = randomUUID();
    const tmp = this.contentPath(`${id}.tmp`);
    writeFileSync(tmp, c.bytes);
    renameSync(tmp, this.contentPath(id));
    return { id, length: c.bytes.length, mimeType: c.mimeType, fileName: c.fileName, sha256: createHash('sha256').update(c.bytes).digest('hex') };
  }

  private touch(o: DevObject, user: string, changes: Partial<DevObject>): DevObject {
    const next = { ...o, ...changes, lastModifiedBy: user, lastModificationDate: this.clock(), changeToken: this.nextToken() };
    this.checkUnique(next);
    this.putObject(next);
    if (!next.isPwc) this.logChange(next.id, 'updated');
    return next;
  }

  updateProperties(user: string, id: string, token: string | null, props: Record<string, PropValue>, name: string | null, secondary: string[] | null): DevObject {
    const o = this.get(id);
    this.checkToken(o, token);
    if (name !== null && name !== o.name && o.parentId) this.checkName(o.parentId, name, o.versionSeriesId ?? o.id);
    const merged = { ...o.props };
    for (const [k, v] of Object.entries(props)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    return this.touch(o, user, { props: merged, name: name ?? o.name, secondaryTypeIds: secondary ?? o.secondaryTypeIds });
  }

  move(user: string, id: string, targetId: string, sourceId: string | null): DevObject {
    const o = this.get(id);
    this.requireFolder(targetId);
    if (sourceId && o.parentId !== sourceId) throw new CmisFault('invalidArgument', 'object is not in the source folder');
    if (o.baseTypeId === 'cmis:folder' && (targetId === o.id || this.isInTree(this.get(targetId), o.id))) {
      throw new CmisFault('constraint', 'cannot move a folder into itself');
    }
    this.checkName(targetId, o.name, o.versionSeriesId ?? o.id);
    // Every version of a document lives in the same folder.
    const s = this.seriesOf(o);
    for (const vid of s ? [...s.versionIds, ...(s.pwcId ? [s.pwcId] : [])] : []) {
      if (vid !== o.id) this.putObject({ ...this.get(vid), parentId: targetId });
    }
    return this.touch(o, user, { parentId: targetId });
  }

  delete(user: string, id: string, allVersions: boolean): void {
    const o = this.get(id);
    if (o.id === ROOT_ID) throw new CmisFault('constraint', 'the root folder cannot be deleted');
    if (o.baseTypeId === 'cmis:folder') {
      if (this.childIndex.get(o.id)?.size) throw new CmisFault('constraint', 'folder is not empty');
      this.journal({ t: 'del', id: o.id });
      this.logChange(o.id, 'deleted');
      return;
    }
    const s = this.seriesOf(o);
    if (!s) throw new CmisFault('runtime', 'document without version series');
    if (o.isPwc) return this.cancelCheckOut(user, o.id);
    const doomed = allVersions ? [...s.versionIds, ...(s.pwcId ? [s.pwcId] : [])] : [o.id];
    for (const vid of doomed) {
      const v = this.get(vid);
      this.journal({ t: 'del', id: vid });
      if (!v.isPwc) this.logChange(vid, 'deleted');
    }
    const remaining = s.versionIds.filter((v) => !doomed.includes(v));
    if (remaining.length === 0 && (allVersions || !s.pwcId)) this.journal({ t: 'series-del', id: s.id });
    else this.journal({ t: 'series', s: { ...s, versionIds: remaining, pwcId: allVersions ? null : s.pwcId, checkedOutBy: allVersions ? null : s.checkedOutBy } });
  }

  checkOut(user: string, id: string): DevObject {
    const o = this.latestOf(this.get(id));
    const s = this.seriesOf(o);
    if (!s) throw new CmisFault('constraint', 'not versionable');
    if (s.pwcId) throw new CmisFault('versioning', `already checked out by ${s.checkedOutBy}`);
    if (this.checkOutTouchesVersion) this.touch(o, user, {});
    const pwcId = `${s.id};pwc`;
    const pwc: DevObject = { ...o, id: pwcId, isPwc: true, versionLabel: 'pwc', changeToken: this.nextToken(), lastModifiedBy: user, lastModificationDate: this.clock() };
    if (o.content) pwc.content = this.copyContent(o.content);
    this.journal({ t: 'series', s: { ...s, pwcId, checkedOutBy: user } });
    this.putObject(pwc);
    return pwc;
  }

  private copyContent(c: ContentInfo): ContentInfo {
    return this.writeContent({ bytes: readFileSync(this.contentPath(c.id)), mimeType: c.mimeType, fileName: c.fileName });
  }

  cancelCheckOut(_user: string, id: string): void {
    const o = this.get(id);
    const s = this.seriesOf(o);
    if (!s?.pwcId) throw new CmisFault('constraint', 'not checked out');
    this.journal({ t: 'del', id: s.pwcId });
    if (s.versionIds.length === 0) this.journal({ t: 'series-del', id: s.id });
    else this.journal({ t: 'series', s: { ...s, pwcId: null, checkedOutBy: null } });
  }

  checkIn(user: string, id: string, token: string | null, props: Record<string, PropValue>, comment: string | null, major: boolean): DevObject {
    const pwc = this.get(id);
    const s = this.seriesOf(pwc);
    if (!pwc.isPwc || !s) throw new CmisFault('versioning', `${id} is not a private working copy`);
    this.checkToken(pwc, token);
    const prev = s.versionIds.at(-1);
    const [maj, min] = prev ? (this.get(prev).versionLabel ?? '1.0').split('.').map(Number) : [0, 0];
    const label = major ? `${(maj ?? 0) + 1}.0` : `${maj ?? 0}.${(min ?? 0) + 1}`;
    const merged = { ...pwc.props };
    for (const [k, v] of Object.entries(props)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    const content = pwc.content ? { ...pwc.content, sha256: this.hashContent(pwc.content.id) } : null;
    const version: DevObject = {
      ...pwc,
      id: `${s.id};${label}`,
      versionLabel: label,
      isPwc: false,
      props: merged,
      checkinComment: comment,
      content,
      lastModifiedBy: user,
      lastModificationDate: this.clock(),
      changeToken: this.nextToken(),
    };
    this.checkUnique(version);
    this.journal({ t: 'del', id: pwc.id });
    this.journal({ t: 'series', s: { ...s, versionIds: [...s.versionIds, version.id], pwcId: null, checkedOutBy: null } });
    this.putObject(version);
    this.logChange(version.id, 'created');
    return version;
  }

  private hashContent(contentId: string): string {
    const h = createHash('sha256');
    const fd = openSync(this.contentPath(contentId), 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return h.digest('hex');
  }

  setContent(user: string, id: string, token: string | null, content: { bytes: Buffer; mimeType: string; fileName: string } | null, overwrite: boolean): DevObject {
    const o = this.get(id);
    this.checkToken(o, token);
    if (o.baseTypeId !== 'cmis:document') throw new CmisFault('streamNotSupported', 'folders have no content');
    if (o.content && content && !overwrite) throw new CmisFault('contentAlreadyExists', 'content exists');
    const next = this.touch(o, user, { content: content ? this.writeContent(content) : null });
    if (o.content) rmSync(this.contentPath(o.content.id), { force: true });
    return next;
  }

  /** Appends one chunk as a whole: the bytes are on disk before the new length is journalled. */
  appendContent(user: string, id: string, token: string | null, chunk: { bytes: Buffer; mimeType: string; fileName: string }, isLastChunk: boolean): DevObject {
    const o = this.get(id);
    this.checkToken(o, token);
    if (o.baseTypeId !== 'cmis:document') throw new CmisFault('streamNotSupported', 'folders have no content');
    const current = o.content ?? { id: randomUUID(), length: 0, mimeType: chunk.mimeType, fileName: chunk.fileName, sha256: null };
    const path = this.contentPath(current.id);
    if (!existsSync(path)) writeFileSync(path, Buffer.alloc(0));
    appendFileSync(path, chunk.bytes);
    const length = current.length + chunk.bytes.length;
    return this.touch(o, user, {
      content: { ...current, length, sha256: isLastChunk && !o.isPwc ? this.hashContent(current.id) : null },
    });
  }
}
