// The load generator of bench/bookings.ts, in its own process so that the client's work does not
// share the server's event loop. Books `total` receipts with `writers` concurrent writers and
// prints the sorted latencies (ms) and the elapsed seconds as one JSON line.
const { endpoint, token, projectId, categories, writers, total, offset } = JSON.parse(process.argv[2]);

let sequence = offset;
let left = total;
async function book() {
  const n = sequence++;
  const amount = `${10 + (n % 90)}.${String(n % 100).padStart(2, '0')}`;
  const day = `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  const receipt = {
    receiptNumber: `B-${n}`,
    invoiceDate: day,
    paymentDate: day,
    payee: 'Benchmark GmbH',
    purpose: 'Lasttest',
    costCategoryId: categories[n % categories.length],
    grossAmount: amount,
    ineligibleAmount: '0.00',
    eligibleAmount: amount,
  };
  const started = process.hrtime.bigint();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: RecordExpenditureInput!) { recordExpenditure(input: $input) { id eligibleAmount } }',
      variables: { input: { idempotencyKey: crypto.randomUUID(), projectId, receipt } },
    }),
  });
  const result = await response.json();
  if (!result.data?.recordExpenditure) throw new Error(`booking failed: ${JSON.stringify(result.errors)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const latencies = [];
const started = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: writers }, async () => {
    while (left-- > 0) latencies.push(await book());
  }),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, latencies: latencies.sort((a, b) => a - b) })}\n`);
