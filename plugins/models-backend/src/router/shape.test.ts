import fs from 'node:fs';
import path from 'node:path';

/*
 * The router's shape, held by a test rather than by reading: routes call services only, and every route but the
 * health check goes through the one access helper. A route that reaches for a store, knex or a cache, or that
 * reads credentials on its own, fails here.
 */
const routeFiles = fs
  .readdirSync(__dirname)
  .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map(file => ({ file, text: fs.readFileSync(path.join(__dirname, file), 'utf8') }));

describe('the models router', () => {
  it('imports no store, database client or cache', () => {
    const imports = routeFiles.flatMap(({ file, text }) => [...text.matchAll(/from '([^']+)'/g)].map(m => `${file}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter(i => /\/store\/|\/database\/|\/audit\/Knex|: knex$|: lru-cache$/.test(i))).toEqual([]);
  });

  it('sends every route but the health check through the access helper', () => {
    const routes = routeFiles.flatMap(({ file, text }) =>
      text
        .split(/(?=\brouter\.(?:get|post|patch|put|delete)\()/)
        .slice(1)
        .map(block => ({ route: `${file}: ${block.slice(0, block.indexOf(','))}`, guarded: block.includes('access.require') })),
    );
    expect(routes.length).toBe(34);
    expect(routes.filter(r => !r.guarded).map(r => r.route)).toEqual(["createRouter.ts: router.get('/health'"]);
    const unguardedCredentials = routeFiles.filter(({ file, text }) => file !== 'access.ts' && /httpAuth\.credentials\(/.test(text));
    expect(unguardedCredentials.map(f => f.file)).toEqual([]);
  });
});
