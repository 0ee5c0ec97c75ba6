/**
 * The subscribers of the SSE fan-out benchmark, in a process of their own (bench/sse-fanout.ts starts
 * it): opens N raw HTTP connections to GET /api/stream, reads the `id:` of each frame, and tells the
 * parent, over IPC, the time (performance.timeOrigin + now, comparable across processes) each
 * connection received each alert.
 *
 *   node bench/sse-clients.ts <port> <token> <connections>
 */
import net from 'node:net';

const [portText, token, countText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const send = (message: unknown) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

/** Per alert seq: the arrival time at each connection. */
const arrivals = new Map<number, Float64Array>();
const ready = new Uint8Array(count);
const ID = Buffer.from('id: ');
let open = 0;
let failed = 0;

function connect(i: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    let buffer = '';
    let headersDone = false;
    socket.on('connect', () => {
      socket.write(
        `GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      const at = now();
      if (!headersDone) {
        buffer += chunk.toString('latin1');
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffer.startsWith('HTTP/1.1 200')) {
          failed += 1;
          socket.destroy();
          resolve();
          return;
        }
        headersDone = true;
        if (ready[i] === 0 && buffer.includes(': connected')) {
          ready[i] = 1;
          open += 1;
          resolve();
        }
        return;
      }
      // Frames start "id: <seq>\n": read the seq where one starts, without decoding the rest.
      let k = chunk.indexOf(ID);
      while (k >= 0) {
        const eol = chunk.indexOf(10, k + 4);
        if (eol < 0) break;
        const seq = Number(chunk.toString('latin1', k + 4, eol));
        let times = arrivals.get(seq);
        if (times === undefined) {
          times = new Float64Array(count);
          arrivals.set(seq, times);
        }
        if (times[i] === 0) times[i] = at;
        k = chunk.indexOf(ID, eol);
      }
    });
    socket.on('error', () => {
      if (ready[i] === 0) {
        failed += 1;
        resolve();
      }
    });
  });
}

process.on('message', (message: { type: string; seq?: number }) => {
  if (message.type === 'report' && message.seq !== undefined) {
    const times = arrivals.get(message.seq);
    send({ type: 'arrivals', seq: message.seq, times: times === undefined ? [] : Array.from(times) });
  } else if (message.type === 'exit') process.exit(0);
});

// Connections in batches, so that the server's listen backlog is never overrun.
for (let i = 0; i < count; i += 250) {
  await Promise.all(Array.from({ length: Math.min(250, count - i) }, (_, k) => connect(i + k)));
  send({ type: 'progress', open, failed });
  if (process.env['LIPTAKO_BENCH_DEBUG']) console.error('progress', open, failed);
}
send({ type: 'ready', open, failed });
