import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorPayload } from '../errors/patchbay-error';
import { MAX_REQUEST_BYTES } from '../shared/request-size';
import { httpStatusFor } from './http-status';

// Reading and answering requests, shared by the bridge and its authentication routes.

export const MAX_BODY_BYTES = MAX_REQUEST_BYTES;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(json);
}

export function sendError(res: ServerResponse, error: ErrorPayload, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, httpStatusFor(error), error, headers);
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Stop reading but let the 413 answer go out; the connection closes after it.
        req.pause();
        reject(new Error('too_large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
