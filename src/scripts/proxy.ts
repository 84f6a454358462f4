import http from 'node:http';
import { parseArgs } from 'node:util';

/**
 * `npm run proxy -- --port 8080 --to 3001,3002`: a tiny round-robin reverse proxy on loopback, to
 * run several instances of the (stateless) service behind one port on one machine. Each request
 * goes to the next instance; one that does not answer is skipped for this request. For trying
 * things out; in production a real load balancer does this.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, to: { type: 'string', default: '3001,3002' } } });
const targets = values.to.split(',').map((p) => Number(p.trim()));
let next = 0;

const server = http.createServer((request, response) => {
  const body: Buffer[] = [];
  request.on('data', (chunk: Buffer) => body.push(chunk));
  request.on('end', () => forward(request, response, Buffer.concat(body), targets.length));
});

function forward(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer, triesLeft: number): void {
  const port = targets[next++ % targets.length];
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': String(port) });
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (triesLeft > 1) forward(request, response, body, triesLeft - 1);
    else if (!response.headersSent) response.writeHead(502).end('no instance answered');
  });
  upstream.end(body);
}

server.listen(Number(values.port), '127.0.0.1', () =>
  console.log(`proxy on http://127.0.0.1:${values.port} -> ${targets.map((p) => `127.0.0.1:${p}`).join(', ')}`),
);
