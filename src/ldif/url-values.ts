import { closeSync, fstatSync, openSync, readSync, realpathSync, constants as fsConstants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LdifSyntaxError } from '../errors/index.js';

/**
 * `attr:< url` values (RFC 2849 §Notes 5). Only `file:` URLs are honoured: any other scheme would turn an import
 * into a network client. With urlBaseDir the file must resolve (after symlinks) inside that directory.
 */
export interface UrlPolicy {
  readonly urlBaseDir?: string;
  readonly maxBytes: number;
}

function fail(message: string, line: number, cause?: unknown): never {
  throw new LdifSyntaxError(message, line, cause === undefined ? {} : { cause });
}

function urlToPath(url: string, line: number, policy: UrlPolicy): string {
  let parsed: URL;
  try {
    parsed = policy.urlBaseDir === undefined ? new URL(url) : new URL(url, pathToFileURL(resolve(policy.urlBaseDir) + '/'));
  } catch (cause) {
    return fail(`invalid URL '${url}'`, line, cause);
  }
  if (parsed.protocol !== 'file:') fail(`unsupported URL scheme '${parsed.protocol}' (only file: URLs are allowed)`, line);
  if (parsed.hostname !== '' && parsed.hostname !== 'localhost') fail(`file URL with remote host '${parsed.hostname}' is not allowed`, line);
  if (parsed.search !== '' || parsed.hash !== '') fail(`file URL '${url}' must not have a query or fragment`, line);
  try {
    return fileURLToPath(parsed);
  } catch (cause) {
    return fail(`invalid file URL '${url}'`, line, cause);
  }
}

function checkInside(real: string, baseReal: string, url: string, line: number): void {
  const rel = relative(baseReal, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) fail(`URL '${url}' is outside urlBaseDir`, line);
}

function ioFailure(url: string, line: number, cause: unknown): never {
  const code = (cause as { code?: unknown } | null)?.code;
  return fail(`cannot read URL '${url}'${typeof code === 'string' ? ` (${code})` : ''}`, line, cause);
}

// O_NOFOLLOW is not needed for safety (realpath is checked) but O_NONBLOCK keeps a FIFO from hanging open().
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

export function loadUrlSync(url: string, line: number, policy: UrlPolicy): Buffer {
  const path = urlToPath(url, line, policy);
  let fd: number | undefined;
  try {
    const real = realpathSync(path);
    if (policy.urlBaseDir !== undefined) checkInside(real, realpathSync(policy.urlBaseDir), url, line);
    fd = openSync(real, OPEN_FLAGS);
    // Size and type come from the open descriptor, so a swap after the checks cannot feed us /dev/zero.
    const stat = fstatSync(fd);
    if (!stat.isFile()) fail(`URL '${url}' is not a regular file`, line);
    if (stat.size > policy.maxBytes) fail(`URL '${url}' exceeds maxRecordBytes (${policy.maxBytes})`, line);
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  } catch (cause) {
    if (cause instanceof LdifSyntaxError) throw cause;
    return ioFailure(url, line, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function loadUrl(url: string, line: number, policy: UrlPolicy): Promise<Buffer> {
  const path = urlToPath(url, line, policy);
  try {
    const real = await realpath(path);
    if (policy.urlBaseDir !== undefined) checkInside(real, await realpath(policy.urlBaseDir), url, line);
    const handle = await open(real, OPEN_FLAGS);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) fail(`URL '${url}' is not a regular file`, line);
      if (stat.size > policy.maxBytes) fail(`URL '${url}' exceeds maxRecordBytes (${policy.maxBytes})`, line);
      const buffer = Buffer.alloc(stat.size);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === buffer.length ? buffer : buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof LdifSyntaxError) throw cause;
    return ioFailure(url, line, cause);
  }
}
