import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const pg = new PGlite();
await pg.waitReady; console.log('ready', Date.now()-t);
console.log((await pg.query(`select (now() at time zone 'Asia/Shanghai')::date d, version()`)).rows);
t=Date.now(); const f = await pg.dumpDataDir('none'); console.log('dump', Date.now()-t, f.size);
t=Date.now(); const pg2 = new PGlite({loadDataDir: f}); await pg2.waitReady; console.log('load', Date.now()-t);
