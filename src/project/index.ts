// The node-side project layer shared by the CLI and the language server: finding configs, manifests and
// data files on disk, and linting one file end to end. No process exits, no console output.
export { analyzerFor, DEFAULT_MAX_DATA_MB, type AnalyzerSettings } from './analyzer-for';
export { findConfig, findConfigFrom, loadConfigFile, type ConfigCache, type ConfigLookup } from './config-lookup';
export { DEFAULT_MANIFEST_GLOBS, discoverManifests, ignoredByConfig, isIgnored, isManifestFile, type DiscoverOptions } from './discover';
export { expandPattern, isGlob } from './glob';
export { isConfigFile, guardFile, lintFile, lintLoaded, loadFile, sortFindings, type LoadedFile, type AnalyzeFn, type LintFileOptions, type LintedFile } from './lint-file';
export { activeLimits, readTextFile, type FileKind, type ReadProblem, type TextRead } from '../analyzer/open-file';
export { loadPrevious, readPrevious, type PreviousLoad } from './previous';
export { diskRelatedReader, widenRoots } from './related-files';
export { isRemote, resolveSourceFiles } from './resolve-files';
