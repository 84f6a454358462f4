import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { basename } from 'node:path';

/**
 * Client side of `POST /imports` (CLI and bench): streams a file as multipart/form-data without
 * reading it into memory, reporting bytes sent, and resolves with the status and JSON answer.
 */
export function uploadFile(
  baseUrl: string,
  token: string,
  query: Record<string, string | undefined>,
  path: string,
  onBytes: (sent: number, total: number) => void = () => {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL('/imports', baseUrl);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  const boundary = `----fpt-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(path).replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = statSync(path).size;
  const send = url.protocol === 'https:' ? requestTls : request;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + total + tail.length),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: { message: text } });
        }
      });
    });
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    file.on('data', (chunk) => {
      sent += chunk.length;
      onBytes(sent, total);
      if (!req.write(chunk)) {
        file.pause();
        req.once('drain', () => file.resume());
      }
    });
    file.on('error', reject);
    file.on('end', () => req.end(tail));
  });
}
