// The installation test's checks against a running app that installed the plugins from their packages (see
// scripts/test-install). Usage: node scripts/lib/check-install.mjs BASE_URL
const base = process.argv[2];
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const session = await fetch(`${base}/api/auth/guest/refresh`, {
  method: 'POST',
  headers: { 'X-Requested-With': 'XMLHttpRequest' },
});
const token = session.ok ? (await session.json()).backstageIdentity?.token : undefined;
check(!!token, `a guest token (${session.status})`);
const auth = { Authorization: `Bearer ${token}` };

// The catalog processes the file location in the background: wait for the Model, at most two minutes.
let model;
for (let i = 0; i < 120 && !model; i++) {
  const res = await fetch(`${base}/api/catalog/entities/by-name/model/default/churn-classifier`, { headers: auth });
  if (res.ok) model = await res.json();
  else await new Promise(r => setTimeout(r, 1000));
}
check(model?.kind === 'Model', 'the catalog serves kind: Model from a file location');
const relations = new Set((model?.relations ?? []).map(r => `${r.type} ${r.targetRef}`));
for (const expected of [
  'ownedBy group:default/customer-ml',
  'partOf system:default/customer-insights',
  'servedBy component:default/churn-service',
  'trainedOn resource:default/churn-features-v3',
]) check(relations.has(expected), `relation ${expected}`);

const anonymous = await fetch(`${base}/api/models/environments`);
check(anonymous.status === 401, `/api/models without a token is refused (${anonymous.status})`);
const environments = await fetch(`${base}/api/models/environments`, { headers: auth });
const envBody = environments.ok ? await environments.json() : {};
check(environments.ok && JSON.stringify(envBody).includes('prod'), `/api/models/environments with a token (${environments.status})`);

const registered = await fetch(`${base}/api/models/models/default/churn-classifier/versions`, {
  method: 'POST',
  headers: { ...auth, 'Content-Type': 'application/json' },
  body: JSON.stringify({ version: '1.0.0', artifactUri: 's3://models/churn/1.0.0', framework: 'sklearn' }),
});
check(registered.status === 201, `registering a version (${registered.status})`);
const versions = await fetch(`${base}/api/models/models/default/churn-classifier/versions`, { headers: auth });
check(versions.ok && JSON.stringify(await versions.json()).includes('s3://models/churn/1.0.0'), 'the version is listed');

const page = await fetch(`${base}/catalog/default/model/churn-classifier`);
check(page.ok && (await page.text()).includes('<div id="root">'), `the backend serves the built frontend (${page.status})`);

if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
