import { Agent, request } from 'node:http';

/**
 * The bench's HTTP client: node:http on keep-alive connections, as lean as a client gets, since
 * it shares the machine's two cores with the service it measures. Every answer is read to the
 * end (the service did the work of sending it) and timed from the request to the last byte.
 */

export interface Answer {
  readonly status: number;
  /** Request sent to last byte received. */
  readonly ms: number;
  readonly bytes: number;
  /** The body, when asked for (`keepBody`); empty otherwise. */
  readonly text: string;
}

export interface Target {
  readonly url: string;
  readonly agent: Agent;
}

export function target(url: string, maxSockets = 256): Target {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(url)) throw new Error(`the load bench only sends to this machine (loopback), not ${url}`);
  return { url, agent: new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }) };
}

export interface Call {
  readonly method: 'GET' | 'PUT';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly keepBody?: boolean;
}

/** One request; a connection that fails is status 0 (counted, never thrown). */
export function send(to: Target, call: Call): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(call.body));
    }
    const req = request(new URL(call.path, to.url), { method: call.method, agent: to.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (call.keepBody) chunks.push(c);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes, text: call.keepBody ? Buffer.concat(chunks).toString('utf8') : '' }),
      );
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started, bytes, text: '' }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, bytes: 0, text: '' }));
    req.end(call.body);
  });
}
