import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import { CONFIG_FILE_NAMES } from '../core/config';
import { pathToUri } from './paths';

/**
 * File watching through the client (`workspace/didChangeWatchedFiles` registrations), as LSP intends: the
 * editor already watches the workspace, so the server opens no watchers of its own. Two kinds: config files
 * and manifests anywhere in the workspace (registered once), and per manifest, its sources' data globs
 * relative to the manifest's folder (re-registered when the globs change).
 */
export class Watchers {
  private readonly perManifest = new Map<string, { key: string; registration: Promise<Disposable> }>();

  constructor(
    private readonly connection: Connection,
    private readonly relativePatterns: boolean,
  ) {}

  async watchWorkspace(manifestGlobs: readonly string[]): Promise<Disposable> {
    const globs = [...CONFIG_FILE_NAMES.map((name) => `**/${name}`), ...manifestGlobs];
    return this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: globs.map((globPattern) => ({ globPattern })),
    });
  }

  /** Watches a manifest's data globs (relative to `folder`); a no-op when they did not change. */
  watchData(manifest: string, folder: string, globs: readonly string[]): void {
    const key = `${folder}\n${[...globs].sort().join('\n')}`;
    const current = this.perManifest.get(manifest);
    if (current?.key === key) return;
    this.unwatch(manifest);
    if (globs.length === 0) return;
    const watchers: FileSystemWatcher[] = globs.map((glob) =>
      this.relativePatterns
        ? { globPattern: { baseUri: pathToUri(folder), pattern: glob } }
        : { globPattern: `${folder.replace(/\\/g, '/')}/${glob}` },
    );
    this.perManifest.set(manifest, { key, registration: this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }) });
  }

  unwatch(manifest: string): void {
    const current = this.perManifest.get(manifest);
    if (!current) return;
    this.perManifest.delete(manifest);
    void current.registration.then((d) => d.dispose(), () => undefined);
  }
}
