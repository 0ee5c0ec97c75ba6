/**
 * Reads a password for `users create --password-stdin` and `users passwd`: the first line of standard
 * input, or, on a terminal, a prompt (on stderr) that does not echo, asked twice.
 */
import { UsageError } from './cli-context.ts';

/** The first line of standard input, without its line ending. */
export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

function promptOnce(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error: Error | null): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error === null) resolve(typed);
      else reject(error);
    };
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Asks for a new password twice on the terminal; refuses when standard input is not one. */
export async function promptNewPassword(): Promise<string> {
  if (!process.stdin.isTTY)
    throw new UsageError('standard input is not a terminal: pipe the password with --password-stdin');
  const first = await promptOnce('New password: ');
  const second = await promptOnce('Repeat it: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}
