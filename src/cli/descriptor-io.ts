/**
 * The check bundle's IO (src/cli/manifests-only.ts): the report goes to file descriptors 1 and 2 with
 * fs.writeSync, without process.stdout and process.stderr. Making those streams loads node:stream, and node:net
 * for a pipe or socket: in a cold `check --no-data`, which loads no stream otherwise, ~2 ms to /dev/null or a file
 * and ~4 ms to a pipe (CI logs are pipes) of the ~50 ms the run takes beyond Node's own start.
 *
 * Only what Node's stream would write the same way is written directly: a file or /dev/null (Node's stream for
 * those is fs.writeSync too), a pipe or a socket. A terminal, anything else, and every descriptor on Windows
 * get the process's stream as before, so colour and TTY handling stay Node's. A reader that stops early
 * (`| head -1`) ends the run quietly with the exit code it decided, as processIO's streams do. A pipe set non-blocking by a process
 * sharing it that is full (EAGAIN) hands the rest to the process's stream, which waits until the pipe drains.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { colorFromEnv, DecidedExit, endQuietlyOnBrokenPipe, type CliIO, type TextOutput } from './io';

/** The IO of the running process, like processIO, with process.stdout and process.stderr made only if needed. */
export function descriptorIO(): CliIO {
  const nullDevice = deviceOf('/dev/null');
  const decided = new DecidedExit();
  const stdout = descriptorOutput(1, () => process.stdout, nullDevice, decided.exit);
  const stderr = descriptorOutput(2, () => process.stderr, nullDevice, decided.exit);
  return {
    stdout: stdout.output,
    stderr: stderr.output,
    cwd: process.cwd(),
    isTTY: stdout.isTTY,
    color: colorFromEnv(process.env, stdout.isTTY),
    stderrIsTTY: stderr.isTTY,
    decide: decided.decide,
  };
}

/** Where descriptor `fd`'s text goes, and whether it is a terminal; `exitQuietly` ends a run whose reader stopped early. */
function descriptorOutput(fd: number, stream: () => NodeJS.WriteStream, nullDevice: number | undefined, exitQuietly: () => never): { output: TextOutput; isTTY: boolean } {
  const quietStream = (): NodeJS.WriteStream => {
    const s = stream();
    endQuietlyOnBrokenPipe(s, exitQuietly);
    return s;
  };
  if (writesDirectly(fd, nullDevice)) return { output: new DescriptorOutput(fd, quietStream, exitQuietly), isTTY: false };
  const s = quietStream();
  return { output: s, isTTY: Boolean(s.isTTY) };
}

/**
 * Whether `fd` is a file, /dev/null, a pipe or a socket: none is a terminal, and for each a write of the whole text
 * is what Node's stream would do. Any other character device may be a terminal.
 */
function writesDirectly(fd: number, nullDevice: number | undefined): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stats = fstatSync(fd);
    return stats.isFile() || stats.isFIFO() || stats.isSocket() || (stats.isCharacterDevice() && stats.rdev === nullDevice);
  } catch {
    // A closed descriptor: Node's stream for it takes text and drops it.
    return false;
  }
}

/** The device number of a device file, undefined when there is none. */
function deviceOf(file: string): number | undefined {
  try {
    return statSync(file).rdev;
  } catch {
    return undefined;
  }
}

/** Text written to a descriptor at once; after a write that would have to wait, through the process's stream. */
class DescriptorOutput implements TextOutput {
  /** The stream that took over, so later text stays behind the text it holds. */
  private stream: NodeJS.WriteStream | undefined;

  constructor(
    private readonly fd: number,
    private readonly takeOver: () => NodeJS.WriteStream,
    /** The end of a run whose reader stopped early (processIO's streams end it the same way). */
    private readonly exitQuietly: () => never,
  ) {}

  write(text: string, callback?: (error?: Error | null) => void): boolean {
    if (this.stream !== undefined) return this.stream.write(text, callback);
    const bytes = Buffer.from(text);
    let offset = 0;
    try {
      // A pipe may take part of the text; the loop writes the rest.
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The reader is gone. A socket's writer blocked in write(2) hears ECONNRESET when its reader closes with
      // text unread; the process's stream, waiting for the socket in libuv instead, hears EPIPE then.
      if (code === 'EPIPE' || code === 'ECONNRESET') this.exitQuietly();
      if (code !== 'EAGAIN') {
        callback?.(error as Error);
        return false;
      }
      this.stream = this.takeOver();
      return this.stream.write(bytes.subarray(offset), callback);
    }
    callback?.();
    return true;
  }
}
