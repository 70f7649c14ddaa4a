import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Finding } from '../core/finding';
import { manifestRootsOf } from '../core/manifest-files';
import { innermostRoot, isInside } from '../core/paths';
import { detectDialect } from '../core/parse';
import { analyzerFor, discoverManifests, findConfig, ignoredByConfig, isConfigFile, widenRoots, type ConfigCache, type LintedFile } from '../project';
import type { ReportModel } from '../report/types';
import { lintDocument, newLintThread } from './lint-document';
import type { LintJobResult } from './lint-job';
import type { RelatedRoots } from '../project/related-files';
import { FindingsByFile } from './diagnostics';
import { Debouncer, IdleTracker } from './idle';
import { ManifestState } from './manifest-state';
import { pathToUri } from './paths';
import type { ManifestStatus, Settings } from '../protocol';
import { DEFAULT_SETTINGS, editorDataRequest } from './settings';

/** Typing pauses shorter than this are one edit: lint once, after the burst. */
export const LINT_DEBOUNCE_MS = 150;
/** Data analysis waits longer: it reads files, and a user still typing would only cancel it. */
const ANALYSIS_DEBOUNCE_MS = 750;

export interface Progress {
  report(percentage: number, message?: string): void;
  done(): void;
}

/** What the workspace needs from the LSP connection; server.ts provides it, so this file has no protocol code. */
export interface WorkspaceHost {
  publish(file: string, findings: Finding[]): void;
  status(status: ManifestStatus): void;
  removeStatus(uri: string): void;
  /** The editor's buffer for a file, when it is open. */
  openDocument(file: string): { uri: string; text: string; version: number } | undefined;
  /** A cancellable progress indicator; `onCancel` runs when the user cancels it. */
  progress(title: string, onCancel: () => void): Promise<Progress>;
  /** Keep the manifest's data files (its sources' globs, relative to its folder) watched; [] stops watching. */
  watchData(manifest: string, globs: string[]): void;
  /** A manifest has a new lint result: views the editor pulls rather than being sent (CodeLens) are out of date. */
  resultChanged(): void;
  log(message: string): void;
}

export interface WorkspaceOptions {
  roots: string[];
  settings?: Settings;
  /** False in an untrusted workspace: manifest rules only, the analyzer never runs. */
  trusted: boolean;
  cacheDir?: string;
}

/**
 * The server's model of the workspace: which files are manifests, their lint results and analyses, and when
 * each runs. Every lint works on the current text and is dropped if the text changed meanwhile (versions are
 * compared before publishing), so findings on screen always match the text on screen.
 */
export class Workspace {
  readonly states = new Map<string, ManifestState>();
  readonly idle = new IdleTracker();
  private readonly debounce = new Debouncer(this.idle);
  private readonly findings: FindingsByFile;
  private readonly configCache: ConfigCache = new Map();
  /** Big files are linted here, off the server's thread; it stays warm between edits (lint-thread.ts). */
  private readonly lintThread = newLintThread();
  private analysisQueue: Promise<void> = Promise.resolve();
  /** The lint running for each file, to abort when a newer one starts or the file goes. */
  private readonly linting = new Map<string, AbortController>();
  roots: string[];
  settings: Settings;
  trusted: boolean;
  readonly cacheDir: string | undefined;

  constructor(
    private readonly host: WorkspaceHost,
    options: WorkspaceOptions,
  ) {
    this.roots = options.roots;
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.trusted = options.trusted;
    this.cacheDir = options.cacheDir;
    this.findings = new FindingsByFile(host.publish);
  }

  /**
   * True for files synthlint lints: config files, and files the manifest globs match that a dialect recognises
   * and that their config does not `ignore` (as the CLI decides, so editor and CI list the same files).
   */
  isCandidate(file: string, text?: string): boolean {
    if (isConfigFile(file)) return true;
    if (this.matchingRoots(file).length === 0) return false;
    if (ignoredByConfig(file, findConfig(file, this.configCache))) return false;
    return text === undefined || detectDialect(file, text) !== undefined;
  }

  private matchingRoots(file: string): string[] {
    return manifestRootsOf(file, this.workspaceRoots(file), this.settings.manifests);
  }

  /** The workspace folders, or the file's own folder when none is open. */
  private workspaceRoots(file: string): string[] {
    return this.roots.length > 0 ? this.roots : [dirname(file)];
  }

  /** The folders a file's lint and analysis may read in: its workspace roots and those of `synthlint.allowRead`. */
  private readRoots(file: string): RelatedRoots {
    return widenRoots(this.workspaceRoots(file), this.settings.allowRead);
  }

  /** Lints every manifest on disk in the workspace folders and every open one, then (when allowed) analyzes their data. */
  async lintAll(): Promise<void> {
    if (!this.settings.enable) return;
    await this.idle.track(async () => {
      const onProblem = (message: string): void => this.host.log(`synthlint: ${message}.`);
      const files = discoverManifests(this.roots, this.settings.manifests, [], { onProblem }).filter((f) => !ignoredByConfig(f, findConfig(f, this.configCache)));
      const known = new Set(files);
      for (const file of [...this.states.keys()]) {
        if (!known.has(file) && !isConfigFile(file) && !this.host.openDocument(file)) this.forget(file);
      }
      // Open manifests too: one not saved yet, or outside the discovery globs, is linted under the new settings as well.
      const open = [...this.states.keys()].filter((file) => !known.has(file) && this.host.openDocument(file));
      for (const file of [...files, ...open]) await this.lint(file);
    });
  }

  opened(file: string): void {
    const doc = this.host.openDocument(file);
    if (!this.settings.enable || !this.isCandidate(file, doc?.text)) return;
    void this.idle.track(() => this.lint(file));
  }

  changed(file: string): void {
    const doc = this.host.openDocument(file);
    if (!this.settings.enable) return;
    if (!this.isCandidate(file, doc?.text)) {
      if (this.states.has(file)) this.forget(file);
      return;
    }
    // The text the analysis (and a lint still running) was started for is gone: stop them now rather than let
    // them finish for nothing.
    this.states.get(file)?.analysis?.abort();
    this.linting.get(file)?.abort();
    this.debounce.cancel(`analyze:${file}`);
    if (this.settings.run === 'onType') this.debounce.run(`lint:${file}`, LINT_DEBOUNCE_MS, () => void this.idle.track(() => this.lint(file)));
  }

  saved(file: string): void {
    if (!this.settings.enable || !this.states.has(file)) return;
    if (isConfigFile(file)) this.configChanged();
    void this.idle.track(async () => {
      await this.lint(file, this.trusted && this.settings.analyzeData !== 'manual');
    });
  }

  closed(file: string): void {
    // The buffer is gone: what counts now is the file on disk, if it is still a manifest there.
    this.debounce.cancel(`lint:${file}`);
    if (!existsSync(file)) this.forget(file);
    else if (this.states.has(file)) void this.idle.track(() => this.lint(file));
  }

  /** A config file was created, changed or deleted: every manifest may now resolve a different config. */
  configChanged(): void {
    this.configCache.clear();
    for (const file of this.states.keys()) {
      this.debounce.run(`lint:${file}`, LINT_DEBOUNCE_MS, () => void this.idle.track(() => this.lint(file)));
    }
  }

  /** A file changed on disk (not through an open editor). */
  fileChangedOnDisk(file: string, kind: 'created' | 'changed' | 'deleted'): void {
    if (isConfigFile(file)) {
      this.configChanged();
      if (kind === 'deleted') this.forget(file);
      else if (!this.host.openDocument(file)) void this.idle.track(() => this.lint(file));
      return;
    }
    for (const state of this.states.values()) {
      if (state.dependsOn(file) || (kind !== 'changed' && state.manifest && this.couldMatch(state, file))) {
        state.forgetProfiles(kind === 'changed' ? file : undefined);
        void this.idle.track(() => this.lint(state.file));
      }
    }
    if (this.host.openDocument(file)) return;
    if (kind === 'deleted') {
      if (this.states.has(file)) this.forget(file);
    } else if (this.settings.enable && this.isCandidate(file)) {
      void this.idle.track(() => this.lint(file, kind === 'changed' && this.settings.analyzeData !== 'manual'));
    }
  }

  /** Whether a new or deleted file sits under the manifest's folder, where its globs could now match it. */
  private couldMatch(state: ManifestState, file: string): boolean {
    return isInside(dirname(state.file), file);
  }

  forget(file: string): void {
    const state = this.states.get(file);
    if (!state) return;
    state.analysis?.abort();
    this.linting.get(file)?.abort();
    this.debounce.cancel(`lint:${file}`);
    this.debounce.cancel(`analyze:${file}`);
    this.states.delete(file);
    this.findings.delete(file);
    this.host.watchData(file, []);
    this.host.removeStatus(state.uri);
  }

  private stateFor(file: string): ManifestState {
    let state = this.states.get(file);
    const uri = this.host.openDocument(file)?.uri ?? pathToUri(file);
    if (!state) {
      const root = innermostRoot(this.roots, file);
      state = new ManifestState(file, uri, root);
      this.states.set(file, state);
    }
    state.uri = uri;
    return state;
  }

  /**
   * Lints the current text with the manifest rules, plus the data rules over profiles still valid for it.
   * `analyze` asks for an analysis when some source's data has not been analyzed as it now resolves.
   */
  async lint(file: string, analyze = this.trusted && this.settings.analyzeData === 'auto'): Promise<void> {
    const doc = this.host.openDocument(file);
    if (!doc && !this.states.has(file) && !this.isCandidate(file)) return;
    const state = this.stateFor(file);
    // A newer lint of the same file supersedes one still running (a big file's lint thread is terminated).
    this.linting.get(file)?.abort();
    const controller = new AbortController();
    this.linting.set(file, controller);
    let linted: LintJobResult;
    try {
      // The data rules run over the profiles kept from earlier analyses that still match how the sources resolve.
      const job = { file, ...(doc ? { text: doc.text } : {}), kept: state.keptProfiles, readRoots: this.readRoots(file), ...(state.root ? { root: state.root } : {}) };
      linted = await lintDocument(job, { configCache: this.configCache, signal: controller.signal, thread: this.lintThread });
    } catch (error) {
      if (controller.signal.aborted) return;
      throw error;
    } finally {
      if (this.linting.get(file) === controller) this.linting.delete(file);
    }
    const { result, resolvedFiles, report } = linted;
    if (this.host.openDocument(file)?.version !== doc?.version || this.states.get(file) !== state) return;
    if (doc === undefined && result.manifest === undefined && !isConfigFile(file) && !this.isCandidate(file, result.text)) {
      this.forget(file);
      return;
    }
    if (resolvedFiles && state.keptProfiles.size > 0) state.noteResolved(resolvedFiles);
    this.accept(state, result, report);
    if (analyze && state.needsAnalysis()) this.debounce.run(`analyze:${file}`, ANALYSIS_DEBOUNCE_MS, () => void this.analyze(file));
  }

  /**
   * The file's state linted from the text the editor holds now. While a debounced lint is pending the last
   * result belongs to older text, and fixes computed from it would edit the wrong places; a quick fix asked for
   * in that window (e.g. right after an undo or revert) gets this lint now instead of nothing.
   */
  async current(file: string): Promise<ManifestState | undefined> {
    const doc = this.host.openDocument(file);
    const result = this.states.get(file)?.result;
    if (doc && result && result.text !== doc.text) {
      this.debounce.cancel(`lint:${file}`);
      await this.idle.track(() => this.lint(file));
    }
    return this.states.get(file);
  }

  private accept(state: ManifestState, result: LintedFile, report?: ReportModel): void {
    state.setResult(result, report);
    this.findings.set(state.file, result.findings);
    this.host.status(state.status(this.trusted));
    this.host.resultChanged();
    // Once per glob: a manifest of thousands of sources often names the same files in each.
    if (this.trusted) this.host.watchData(state.file, [...new Set(result.manifest?.sources.flatMap((s) => s.files))]);
  }

  /**
   * Runs the analyzer over a manifest's data and re-lints with the profiles. One analysis runs at a time (the
   * analyzer has its own worker pool; two at once would only compete for the same cores). An edit aborts it;
   * if the text changed while it ran, its profiles are kept but its findings are not shown: a fresh lint of
   * the current text uses them instead.
   */
  analyze(file: string): Promise<void> {
    const state = this.states.get(file);
    if (!this.trusted || !state?.manifest) return Promise.resolve();
    state.analysis?.abort();
    const controller = new AbortController();
    state.analysis = controller;
    this.host.status(state.status(this.trusted));
    const run = async (): Promise<void> => {
      if (controller.signal.aborted) return;
      const progress = await this.host.progress(`synthlint: analyzing ${basename(file)}`, () => controller.abort());
      const doc = this.host.openDocument(file);
      const analyzer = analyzerFor({
        readRoots: this.readRoots(file),
        maxDataMB: this.settings.maxDataMB,
        data: editorDataRequest(this.settings),
        // Only the user's own setting turns remote data on in the editor (analyze() runs only when trusted), never
        // a config that came with the workspace; the config's limits and endpoints still apply.
        remote: { enabled: this.settings.remoteData },
        remoteByConfig: false,
        ...(this.cacheDir ? { cacheDir: this.cacheDir, onCacheError: (message: string) => this.host.log(message) } : {}),
        onProgress: (p) => progress.report(p.bytesTotal > 0 ? Math.round((100 * p.bytesDone) / p.bytesTotal) : 0, p.file ? basename(p.file) : undefined),
      });
      try {
        // Linted twice (off the server's thread when big, lintDocument): to know what to analyze, then over the new profiles.
        const job = { file, ...(doc ? { text: doc.text } : {}), readRoots: this.readRoots(file), ...(state.root ? { root: state.root } : {}) };
        const options = { configCache: this.configCache, signal: controller.signal, thread: this.lintThread };
        let linted = await lintDocument({ ...job, kept: new Map() }, options);
        const { manifest } = linted.result;
        if (manifest && linted.resolvedFiles) {
          const { data, remote } = linted;
          const profiles = await analyzer(manifest, linted.resolvedFiles, { signal: controller.signal, ...(data ? { data } : {}), ...(remote ? { remote } : {}) });
          state.keepProfiles(profiles, linted.resolvedFiles);
          linted = await lintDocument({ ...job, kept: state.keptProfiles, analyzed: true }, options);
        }
        if (controller.signal.aborted || this.states.get(file) !== state) return;
        if (this.host.openDocument(file)?.version !== doc?.version) void this.idle.track(() => this.lint(file, false));
        else this.accept(state, linted.result, linted.report);
      } catch (error) {
        if (!controller.signal.aborted) this.host.log(`analysis of ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      } finally {
        progress.done();
        if (state.analysis === controller) {
          state.analysis = undefined;
          if (this.states.get(file) === state) this.host.status(state.status(this.trusted));
        }
      }
    };
    const queued = this.analysisQueue.then(run);
    this.analysisQueue = queued.catch(() => undefined);
    return this.idle.track(() => queued);
  }

  /** Analyzes one manifest or all of them now, whatever `synthlint.analyzeData` says (the user asked). */
  async analyzeNow(file?: string): Promise<void> {
    const files = file ? [file] : [...this.states.keys()].filter((f) => this.states.get(f)?.manifest);
    await Promise.all(files.map((f) => this.analyze(f)));
  }

  /** Forgets every profile: after the cache is cleared, nothing learnt from it may linger. */
  forgetAllProfiles(): void {
    for (const state of this.states.values()) state.forgetProfiles();
  }
}
