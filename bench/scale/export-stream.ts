import { performance } from 'node:perf_hooks';

import type pg from 'pg';

import { parseLocalDate } from '../../src/common/dates/local-date.js';
import { ProofKind } from '../../src/reporting/proof.enums.js';
import type { ProofScope } from '../../src/reporting/proof-loader.js';
import { receiptCsvChunks } from '../../src/reporting/receipt-stream.js';
import { fixedRate, percentile, type LoadResult } from './open-loop.js';

/**
 * The streamed receipt-list export of the suite: each request downloads a generated project's whole
 * receipt list (final proof, GET /exports/projects/:id/receipts.csv) over HTTP. The raw path runs the
 * same database work (the service's own COPY statements, receiptCsvChunks) directly on a `pg` pool,
 * without HTTP, authentication or Nest. Answers are checked: one line per receipt in scope plus
 * header, sum rows and total, and the total equal to SQL's sum.
 */
export async function measureReceiptStream(options: {
  base: string;
  token: string;
  projectIds: string[];
  db: pg.Pool;
  seconds: number;
  asOf: string;
}) {
  const { base, token, projectIds, db, seconds, asOf } = options;
  const rate = 2;
  const scopes = await Promise.all(projectIds.map((id) => finalScope(db, id, asOf)));
  const expected = await Promise.all(scopes.map((scope) => expectedList(db, scope)));
  const firstBytes: number[] = [];

  const download = async (i: number, check = false) => {
    const k = i % scopes.length;
    const started = performance.now();
    const response = await fetch(`${base}/exports/projects/${scopes[k].projectId}/receipts.csv?asOf=${asOf}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const text = await readAll(response.body as unknown as AsyncIterable<Uint8Array>, () => firstBytes.push(performance.now() - started));
    if (check) verify(text, expected[k]);
  };
  for (let i = 0; i < Math.min(3, scopes.length); i++) await download(i, true);
  firstBytes.length = 0;
  const http = await fixedRate(rate, seconds, (i) => download(i));
  const httpFirstByte = [...firstBytes].sort((a, b) => a - b);

  firstBytes.length = 0;
  const raw = await fixedRate(rate, seconds, async (i) => {
    const k = i % scopes.length;
    const started = performance.now();
    let first = true;
    for await (const chunk of receiptCsvChunks(db, scopes[k])) {
      if (first) firstBytes.push(performance.now() - started);
      first = false;
      void chunk;
    }
  });
  const rawFirstByte = [...firstBytes].sort((a, b) => a - b);
  const averageRows = Math.round(expected.reduce((sum, e) => sum + e.receipts, 0) / expected.length);
  // Rows per second of one download at the median latency (the arrival rate, not the stream, limits the whole run's rows/s).
  const describe = (r: LoadResult, ttfb: number[]) =>
    `${Math.round(averageRows / (percentile(r.latencies, 50) / 1000)).toLocaleString('en')} rows/s per download at p50, first byte p50 ${percentile(ttfb, 50).toFixed(1)} ms`;
  return {
    rate,
    averageRows,
    http,
    raw,
    httpNote: describe(http, httpFirstByte),
    rawNote: describe(raw, rawFirstByte),
  };
}

async function finalScope(db: pg.Pool, projectId: string, asOf: string): Promise<ProofScope> {
  const { rows } = await db.query<{ from: string; to: string }>(
    'select approval_start::text as from, approval_end::text as to from project where id = $1',
    [projectId],
  );
  return {
    projectId,
    kind: ProofKind.FINAL,
    fiscalYear: null,
    periodFrom: parseLocalDate(rows[0].from),
    periodTo: parseLocalDate(rows[0].to),
    asOf: parseLocalDate(asOf),
  };
}

async function expectedList(db: pg.Pool, scope: ProofScope) {
  const { rows } = await db.query<{ receipts: number; categories: number; eligible: string }>(
    `select count(*)::int as receipts, count(distinct e.cost_category_id)::int as categories, coalesce(sum(e.eligible_amount), 0)::text as eligible
       from expenditure e join expenditure_state s on s.expenditure_id = e.id
      where e.project_id = $1 and e.payment_date between $2 and $3 and e.payment_date <= $4 and s.status <> 'REJECTED'`,
    [scope.projectId, scope.periodFrom, scope.periodTo, scope.asOf],
  );
  return rows[0];
}

function verify(text: string, expected: { receipts: number; categories: number; eligible: string }): void {
  const lines = text.split('\r\n').filter(Boolean);
  const wanted = 1 + expected.receipts + expected.categories + 1;
  if (lines.length !== wanted) throw new Error(`receipt list: ${lines.length} lines, expected ${wanted}`);
  const total = lines.at(-1)!.split(';')[9];
  if (total !== expected.eligible.replace('.', ',')) throw new Error(`receipt list total ${total}, expected ${expected.eligible}`);
}

async function readAll(body: AsyncIterable<Uint8Array>, onFirst: () => void): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    if (chunks.length === 0) onFirst();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
