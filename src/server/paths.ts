import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The server keys everything by absolute file path, not by URI string: VS Code and node spell the same file
 * differently (`file:///c%3A/x` vs `file:///c:/x`, percent-encoding of `@` or spaces), and a lookup keyed by
 * one spelling would miss the other.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
