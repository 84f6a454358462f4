/**
 * Times every single-file download of a proof on a running service (default: the demo's final
 * proof as finance), `--rounds` times each, and prints the median per file. Each download is also
 * checked against the SHA-256 that `proofExport` lists for it.
 *
 *   npm run bench:proof-files -- --url http://localhost:3000 --as-of 2026-11-20 [--year 2023] [--rounds 3] [--user finance]
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { graphqlClient } from './support/graphql-client.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    'as-of': { type: 'string', default: '2026-11-20' },
    year: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    user: { type: 'string', default: 'finance' },
  },
});
const client = graphqlClient(`${values.url}/graphql`);
const token = await client.login(values.user!);
const projectId = (await client.post({ query: '{ projects { nodes { id } } }' }, token)).projects.nodes[0].id as string;
const fiscalYear = values.year ? Number(values.year) : null;
const started = performance.now();
const exported = await client.post(
  {
    query: `query($p: ID!, $k: ProofKind!, $y: Int, $a: LocalDate) { proofExport(projectId: $p, kind: $k, fiscalYear: $y, asOf: $a) { files { name url sha256 } } }`,
    variables: { p: projectId, k: fiscalYear ? 'INTERIM' : 'FINAL', y: fiscalYear, a: values['as-of'] },
  },
  token,
);
const wholeSet = performance.now() - started;
const files = exported.proofExport.files as { name: string; url: string; sha256: string }[];
console.log(
  `${fiscalYear ? `interim proof ${fiscalYear}` : 'final proof'}, as of ${values['as-of']}, as ${values.user}: proofExport (every file) ${wholeSet.toFixed(0)} ms`,
);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const file of files) {
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < Number(values.rounds); round++) {
    const t0 = performance.now();
    const response = await fetch(`${values.url}${file.url}`, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await response.arrayBuffer());
    times.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`${file.name}: HTTP ${response.status}`);
    if (createHash('sha256').update(body).digest('hex') !== file.sha256) throw new Error(`${file.name}: bytes differ from the whole set`);
    bytes = body.length;
  }
  console.log(
    `${file.name.padEnd(48)} ${String(bytes).padStart(9)} B  median ${median(times).toFixed(0).padStart(6)} ms  (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
