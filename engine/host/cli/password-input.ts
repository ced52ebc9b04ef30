import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { errorCodes, PatchbayError } from '../../errors/patchbay-error';
import { stringFlag, type ParsedArgs } from './args';
import type { CliIo } from './command';

// Where `patchbay users` reads a password: never an argument (shell history, `ps`), but a file, a
// prompt that does not echo, or stdin (a pipe from a secrets manager).

/** A terminal's stdin, as far as the prompt needs it. */
type Terminal = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

function withoutLineEnd(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it; Ctrl-C or Ctrl-D gives up. */
function promptHidden(stdin: Terminal, io: CliIo, prompt: string): Promise<string> {
  io.stderr(prompt);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise<string>((done, fail) => {
    let typed = '';
    const finish = (error?: PatchbayError) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr('\n');
      if (error) fail(error);
      else done(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new PatchbayError('password_unreadable', 'No password was given; nothing was changed.'));
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * The password for `users add` / `users passwd`: `--password-file F`, else a prompt (asked twice,
 * so a typo is not locked in) when stdin is a terminal, else the first line of stdin.
 */
export async function readPassword(args: ParsedArgs, io: CliIo, stdin: Terminal): Promise<string> {
  if (args.flags.password !== undefined) {
    throw new PatchbayError('bad_request', 'A password given as an argument lands in shell history; type it at the prompt, or give it in a file (--password-file F) or on stdin.');
  }
  const file = stringFlag(args, 'password-file');
  if (file) {
    try {
      return withoutLineEnd(await readFile(resolve(io.cwd, file), 'utf8'));
    } catch {
      // Said without the OS error, which could only quote the path.
      throw new PatchbayError('password_unreadable', `${errorCodes.password_unreadable} (could not read ${file})`);
    }
  }
  if (stdin.isTTY) {
    const first = await promptHidden(stdin, io, 'Password: ');
    const again = await promptHidden(stdin, io, 'Password again: ');
    if (first !== again) throw new PatchbayError('password_unreadable', 'The two passwords differ; nothing was changed. Run the command again.');
    return first;
  }
  const piped = withoutLineEnd((await readAll(stdin)).split('\n')[0] ?? '');
  // Nothing piped in (stdin at /dev/null, say) is a missing password, not a short one.
  if (!piped) throw new PatchbayError('password_unreadable', errorCodes.password_unreadable);
  return piped;
}
