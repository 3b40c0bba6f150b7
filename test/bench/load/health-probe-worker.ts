import { Agent } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { send } from './http-client';

/**
 * The /healthz probe's thread: an event loop of its own and one keep-alive connection of its
 * own, like a monitor outside the bench. On the bench's main thread the probe's timers and
 * answers waited behind the client's own work for 200 connections (its JSON, its GC), so it
 * timed the client as much as the service. Posts each answer's status and time; stops when told.
 */
interface ProbeData {
  readonly url: string;
  readonly everyMs: number;
}

const { url, everyMs } = workerData as ProbeData;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let stopped = false;
parentPort?.on('message', () => {
  stopped = true;
});

async function probe(): Promise<void> {
  while (!stopped) {
    const answer = await send({ url, agent }, { method: 'GET', path: '/healthz', headers: {} });
    parentPort?.postMessage({ status: answer.status, ms: answer.ms });
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  agent.destroy();
  parentPort?.postMessage('done');
}

void probe();
