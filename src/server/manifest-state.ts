import type { Finding } from '../core/finding';
import type { Manifest, Source } from '../core/manifest';
import type { SourceProfile } from '../core/profile';
import { configuredMixedWeight } from '../core/ratios';
import type { LintedFile } from '../project';
import { buildReport } from '../report/model';
import type { ReportModel } from '../report/types';
import type { ManifestStatus } from '../protocol';
import { RESTRICTED_WORDS } from './source-text';

/** A profile together with the exact file list it was computed from. */
export interface KeptProfile {
  files: string;
  profile: SourceProfile;
}

/**
 * What the server knows about one manifest (or config file): the last lint result, the profiles the analyzer
 * produced for it, and the analysis in flight. Profiles are kept per source with the resolved file list they
 * came from, so an edit that leaves a source's files alone keeps its data findings (recomputed on the new text,
 * never shown at old positions), while an edit to its globs drops them until the analyzer runs again.
 */
export class ManifestState {
  result?: LintedFile;
  /** The analysis running for this manifest; aborted when an edit supersedes it. */
  analysis?: AbortController;
  private readonly kept = new Map<string, KeptProfile>();
  /** File list each source had when the analyzer last ran on it, whether or not it produced a profile. */
  private readonly attempted = new Map<string, string>();
  /** The data files each source resolved to at the last lint that resolved them. */
  private resolved?: ReadonlyMap<string, readonly string[]>;
  private report?: ReportModel;

  constructor(
    readonly file: string,
    public uri: string,
    /** Folder that report paths are shown relative to (the workspace folder holding the manifest). */
    readonly root?: string,
  ) {}

  get manifest(): Manifest | undefined {
    return this.result?.manifest;
  }

  get analyzing(): boolean {
    return this.analysis !== undefined;
  }

  /** `report`: the result's report model when it was built with it (off the main thread, for a big manifest). */
  setResult(result: LintedFile, report?: ReportModel): void {
    this.result = result;
    this.report = report;
  }

  keepProfiles(profiles: ReadonlyMap<string, SourceProfile>, resolvedFiles: ReadonlyMap<string, readonly string[]>): void {
    this.resolved = resolvedFiles;
    for (const [id, files] of resolvedFiles) this.attempted.set(id, fileKey(files));
    const sources = new Map(this.manifest?.sources.map((s) => [s.id, s]));
    for (const [id, profile] of profiles) {
      const source = sources.get(id);
      this.kept.set(id, { files: source ? inputsKey(source, resolvedFiles) : fileKey(resolvedFiles.get(id)), profile });
    }
    // A remote source that gave no profile this time (remote data turned off) keeps none from before either.
    for (const source of sources.values()) if (!resolvedFiles.has(source.id) && !profiles.has(source.id)) this.kept.delete(source.id);
  }

  /** The profiles kept so far, by source id, for a lint to pick the ones still valid (validProfiles). */
  get keptProfiles(): ReadonlyMap<string, KeptProfile> {
    return this.kept;
  }

  /**
   * True when some source with data files has not been through the analyzer with its current file list:
   * a new source, an edited glob, a data file that changed. Edits elsewhere (a comment, a license) need no
   * new analysis: the kept profiles are re-used and the data rules re-run on the new text.
   */
  needsAnalysis(): boolean {
    const manifest = this.manifest;
    if (!manifest) return false;
    if (!this.resolved) return manifest.sources.some((s) => s.files.length > 0);
    for (const source of manifest.sources) {
      const files = this.resolved.get(source.id);
      if (files && files.length > 0 && this.attempted.get(source.id) !== fileKey(files)) return true;
      // A source sampled over the network whose entries were edited since (remote-only sources never resolve to
      // local files; one never sampled is left alone, as remote data is off unless the user turned it on).
      const kept = this.kept.get(source.id);
      if (!files && kept && kept.files !== inputsKey(source, this.resolved)) return true;
    }
    return false;
  }

  /** How the sources resolved at a lint that used kept profiles, for needsAnalysis. */
  noteResolved(resolvedFiles: ReadonlyMap<string, readonly string[]>): void {
    this.resolved = resolvedFiles;
  }

  /**
   * True when `dataFile` is one of this manifest's data files (its change must re-run the analyzer) or a file the
   * manifest was read with (its change must lint the manifest again).
   */
  dependsOn(dataFile: string): boolean {
    if (this.result?.related?.includes(dataFile)) return true;
    for (const files of this.resolved?.values() ?? []) if (files.includes(dataFile)) return true;
    for (const kept of this.kept.values()) if (kept.profile.files.some((f) => f.path === dataFile)) return true;
    return false;
  }

  /** Every data file the manifest's sources resolved to, for file watching. */
  dataFiles(): string[] {
    return [...new Set([...(this.resolved?.values() ?? [])].flat())];
  }

  /** Drops what was learnt from `dataFile` (or everything), so the next analysis reads it again. */
  forgetProfiles(dataFile?: string): void {
    for (const [id, kept] of this.kept) {
      if (dataFile === undefined || kept.profile.files.some((f) => f.path === dataFile)) {
        this.kept.delete(id);
        this.attempted.delete(id);
      }
    }
    if (dataFile === undefined) this.attempted.clear();
  }

  /** The report view-model of the last result, built once per result: hover, CodeLens and status all read it. */
  reportModel(): ReportModel | undefined {
    if (!this.result) return undefined;
    this.report ??= reportOf(this.result, this.root);
    return this.report;
  }

  /** `trusted`: the workspace's (workspace.ts); in Restricted Mode the status says why no figure will come. */
  status(trusted: boolean): ManifestStatus {
    const findings: readonly Finding[] = this.result?.findings ?? [];
    const model = this.reportModel();
    return {
      uri: this.uri,
      ...(model ? { syntheticShare: model.syntheticShare } : {}),
      ...(trusted ? {} : { restricted: RESTRICTED_WORDS }),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      analyzing: this.analyzing,
    };
  }
}

/** The profiles of `kept` still valid for the sources as they now resolve (same file list as when analyzed). */
export function validProfiles(kept: ReadonlyMap<string, KeptProfile>, manifest: Manifest, resolvedFiles: ReadonlyMap<string, readonly string[]>): Map<string, SourceProfile> {
  const out = new Map<string, SourceProfile>();
  for (const source of manifest.sources) {
    const profile = kept.get(source.id);
    if (profile && profile.files === inputsKey(source, resolvedFiles)) out.set(source.id, profile.profile);
  }
  return out;
}

/** The report view-model of a lint result (none for a file that is not a manifest); paths shown relative to `root`. */
export function reportOf(result: LintedFile, root: string | undefined): ReportModel | undefined {
  if (!result.manifest) return undefined;
  return buildReport({
    manifest: result.manifest,
    findings: result.findings,
    profiles: result.profiles,
    mixedWeight: configuredMixedWeight(result.rules),
    rules: result.rules,
    ...(root ? { root } : {}),
  });
}

function fileKey(files: readonly string[] | undefined): string {
  return (files ?? []).join('\n');
}

/**
 * What a source's profile is read from: its resolved local files, or, for a source left out of `resolvedFiles`
 * (its entries are all remote: URLs, `s3://`, hub ids), the entries themselves, so an edited URL is a new input.
 */
function inputsKey(source: Source, resolvedFiles: ReadonlyMap<string, readonly string[]>): string {
  const files = resolvedFiles.get(source.id);
  return files ? fileKey(files) : `remote:\n${source.files.join('\n')}`;
}
