// An independent CMIS client (CmisJS, the npm `cmis` package) against a browser-binding URL: browses a
// folder, uploads a document, reads contents back. Run with `node --no-experimental-fetch` so CmisJS uses
// its own fetch, whose multipart bodies it was written for. Prints one JSON line.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cmis from 'cmis';

async function main() {
  const [url, user, password, folderPath, uploadFile, uploadName] = process.argv.slice(2);
  const session = new cmis.CmisSession(url);
  session.setCredentials(user, password);
  await session.loadRepositories();
  const info = await session.getRepositoryInfo();
  const folder = await session.getObjectByPath(folderPath);
  const folderId = folder.succinctProperties['cmis:objectId'];
  const before = await session.getChildren(folderId);
  const sha = async (objectId) => {
    const res = await session.getContentStream(objectId);
    // node-fetch 1.x (CmisJS's fetch) offers buffer(), not arrayBuffer().
    return createHash('sha256').update(await res.buffer()).digest('hex');
  };
  const existing = [];
  for (const { object } of before.objects) {
    const p = object.succinctProperties;
    if (p['cmis:baseTypeId'] === 'cmis:document') existing.push({ uuid: p['eakte:uuid'], sha256: await sha(p['cmis:objectId']) });
  }
  const created = await session.createDocument(folderId, readFileSync(uploadFile), uploadName, 'text/plain');
  const createdId = created.succinctProperties['cmis:objectId'];
  const after = await session.getChildren(folderId);
  const query = await session.query(`SELECT * FROM cmis:document WHERE IN_FOLDER('${folderId}')`);
  process.stdout.write(
    JSON.stringify({
      repositoryId: Object.keys(info)[0],
      existing,
      created: { id: createdId, sha256: await sha(createdId), name: created.succinctProperties['cmis:name'] },
      childNames: after.objects.map((o) => o.object.succinctProperties['cmis:name']),
      queryCount: query.results.length,
    }) + '\n',
  );
}

main().catch(async (err) => {
  const body = err && err.response ? await err.response.text() : '';
  process.stderr.write(`${err && err.stack ? err.stack : err} ${body}\n`);
  process.exit(1);
});
