// The HTTP load driver of bench/reads.ts, in a thread of its own: building requests and parsing
// answers is the client's work, which on a real deployment happens on the users' machines, so it
// should not count against the service's Node thread. Same machine, same cores: the driver still
// competes with the service and PostgreSQL for CPU, as any load generator on this host would.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(port, body, token) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` };
    const request = http.request({ agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        try {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

parentPort.on('message', async ({ port, token, body, connections, seconds }) => {
  const start = performance.now();
  const cpu = process.threadCpuUsage();
  const end = start + seconds * 1000;
  let done = 0;
  let failed = 0;
  let firstError;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        try {
          await post(port, body, token);
          done++;
        } catch (error) {
          failed++;
          firstError ??= String(error);
        }
      }
    }),
  );
  const used = process.threadCpuUsage(cpu);
  parentPort.postMessage({
    done,
    failed,
    firstError,
    seconds: (performance.now() - start) / 1000,
    cpuMs: (used.user + used.system) / 1000,
  });
});
