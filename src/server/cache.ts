import { rm } from 'node:fs/promises';

/**
 * Deletes the analyzer's profile cache folder (the extension's own storage, never a user folder: the client
 * passes its storageUri). Returns false when there is no cache folder to clear.
 */
export async function clearCache(cacheDir: string | undefined): Promise<boolean> {
  if (!cacheDir) return false;
  await rm(cacheDir, { recursive: true, force: true });
  return true;
}
