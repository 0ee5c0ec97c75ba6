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
let open = 0;
let failed = 0;

function connect(i: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    let buffer = '';
    let headersDone = false;
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      socket.write(
        `GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: string) => {
      const at = now();
      buffer += chunk;
      if (!headersDone) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffer.startsWith('HTTP/1.1 200')) {
          failed += 1;
          socket.destroy();
          resolve();
          return;
        }
        headersDone = true;
        buffer = buffer.slice(end + 4);
      }
      if (ready[i] === 0 && buffer.includes(': connected')) {
        ready[i] = 1;
        open += 1;
        resolve();
      }
      // Chunked transfer: frame lines still start with "id: " after the chunk-size lines.
      let k: number;
      while ((k = buffer.indexOf('\nid: ')) >= 0 || buffer.startsWith('id: ')) {
        const start = buffer.startsWith('id: ') ? 0 : k + 1;
        const eol = buffer.indexOf('\n', start);
        if (eol < 0) break;
        const seq = Number(buffer.slice(start + 4, eol));
        let times = arrivals.get(seq);
        if (times === undefined) {
          times = new Float64Array(count);
          arrivals.set(seq, times);
        }
        if (times[i] === 0) times[i] = at;
        buffer = buffer.slice(eol);
      }
      // Keep only a tail that may hold the start of an id line.
      if (buffer.length > 64) buffer = buffer.slice(-64);
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
