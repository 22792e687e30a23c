import createClient from 'openapi-fetch';
const dir = process.argv[2]!;
const { createDigaClient } = await import(dir + '/index.js');
const AGENT = JSON.stringify({ id: 'agent_1', name: 'Bench agent' });
const stub = async (_r: Request, init?: RequestInit) => { void init?.signal; return new Response(AGENT, { status: 200, headers: { 'content-type': 'application/json' } }); };
const gen = createDigaClient({ token: 't', baseUrl: 'https://api.diga.io', fetch: stub });
const bare = createClient<any>({ baseUrl: 'https://api.diga.io', fetch: stub, headers: { Authorization: 'Bearer t' } });
const path = { agent_id: 'a' }; const body = { name: 'x' };
const N = 500;
const run = async (f: () => Promise<unknown>) => { const t = performance.now(); for (let i = 0; i < N; i++) await f(); return performance.now() - t; };
const ratios: number[] = [];
for (let round = 0; round < 60; round++) {
  const b = await run(() => bare.PATCH('/v1/agent/{agent_id}', { params: { path }, body }));
  const g = await run(() => gen.PATCH('/v1/agent/{agent_id}', { params: { path }, body }));
  if (round >= 5) ratios.push(b / g);
}
ratios.sort((x, y) => x - y);
console.log(process.argv[3] ?? '', 'median ratio', ratios[Math.floor(ratios.length / 2)]!.toFixed(3));
