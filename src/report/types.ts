/**
 * The report's view-model: plain JSON (no Maps, no classes, no functions) so the same value crosses the LSP
 * (`synthlint/report`), is embedded in the HTML as JSON, and is exported as a `.json` file unchanged.
 */
import type { Severity } from '../core/finding';
import type { DialectId, MixtureWeight, Origin, OriginEvidence, Source } from '../core/manifest';
import type { ProvenanceEstimate } from '../core/profile';
import type { Range } from '../core/range';
import type { ShareSummary } from '../core/ratios';

/** What a share is measured in: record counts, token counts, or mixture weight × size. */
export type Basis = 'rows' | 'tokens' | 'weight';
export const BASES: readonly Basis[] = ['rows', 'tokens', 'weight'];

/** Fractions of the whole by origin; `basisKnown` is false when some source lacks the figure the basis needs. */
export interface OriginShares {
  human: number;
  synthetic: number;
  mixed: number;
  unknown: number;
  basisKnown: boolean;
  /** False when no source has a figure on this basis: the fractions are then not 0%, they are not measured. */
  measured: boolean;
  /** Why the weights give no share although the sources have them ("weights are fractions of each dataset; sizes unknown"). */
  why?: string;
}


export type SeverityCounts = Record<Severity, number>;

/** One diversity metric as the report shows it; `key` indexes `SourceRow.metrics` and `SourceBaseline.values`. */
export interface MetricInfo {
  key: MetricKey;
  label: string;
  /** Which direction is the collapse-risk direction, so a reader knows whether above the baseline is bad. */
  worseWhen: 'higher' | 'lower';
  /** Digits to show. */
  digits: number;
  description: string;
}

export type MetricKey =
  | 'compressionRatio'
  | 'ngramDiversity'
  | 'sizeMatchedCompression'
  | 'sizeMatchedNgramDiversity'
  | 'selfRepetition'
  | 'distinct1'
  | 'distinct2'
  | 'entropy1'
  | 'nearDuplicateRate'
  | 'exactDuplicateRate'
  | 'templateShare3'
  | 'assistantArtifacts'
  | 'excessVocabulary'
  | 'hapaxShare';

export interface MetricValue {
  value: number;
  ci95?: [number, number];
}

/** The part of a source's provenance estimate the report shows: the score and, when it cannot tell, why. */
export type ReportedProvenance = Pick<ProvenanceEstimate, 'score' | 'low' | 'high' | 'verdict' | 'records' | 'sampled' | 'setAside'>;

export interface SourceRow {
  id: string;
  origin: Origin;
  generator?: { model: string; provider?: string; generation?: number };
  derivedFrom: string[];
  /** Where the origin came from: the file, a comment, the provenance registry (with its citation), a name, nothing. */
  evidence?: OriginEvidence;
  /** Generation depth (0 = human or unknown ancestry, 1 = generated from human data, ...); absent inside a cycle. */
  depth?: number;
  rows?: number;
  tokens?: number;
  /** The mixture weight as the file wrote it, with what it holds (a proportion, a fraction of this source, rows). */
  weight?: MixtureWeight;
  /** `eval` for data the config evaluates on: it has a size but no share (manifest.ts Source.role). */
  role?: Source['role'];
  /** True when rows/tokens come from the analyzer because the manifest did not state them. */
  measured: { rows: boolean; tokens: boolean };
  /** This source's fraction of the whole on each basis; absent when the basis is unknown for it. */
  share: Partial<Record<Basis, number>>;
  /** Diversity figures; empty when the data was not analysed. */
  metrics: Partial<Record<MetricKey, MetricValue>>;
  /** What the figures are compared with; absent when the source has none (data not analysed). */
  baseline?: SourceBaseline;
  /** The figures rules hold to a limit, with each rule's limit and verdict (report/judged.ts); absent when no rule judges one. */
  judged?: Partial<Record<MetricKey, JudgedFigure[]>>;
  /** Present when the figures come from a sample of the records. */
  sample?: { size: number; population: number };
  /** The profile's figures that are sketch estimates rather than exact (DiversityMetrics.estimated); absent when all are exact. */
  estimated?: string[];
  /** What the provenance model reads in the data (docs/metrics.md, "Provenance score"); absent when not analysed. */
  provenance?: ReportedProvenance;
  findings: SeverityCounts;
  /** Where the source entry is in the manifest, for "jump to source". */
  range: Range;
}

/**
 * A source's human baseline: the human sources in its language, as the rules compare it (core/rules/human-baseline.ts),
 * and their figures. No sources: the manifest has no human data in its language, and nothing is compared.
 */
export interface SourceBaseline {
  sources: string[];
  values: Partial<Record<MetricKey, number>>;
  /**
   * Why there is no baseline, when `sources` is empty: "no human data", "no human data in its language", or "no human
   * source in its language with 50 or more records" (core/rules/human-baseline.ts noBaselineWords).
   */
  why?: string;
}

/**
 * A figure a rule holds to a limit for this source, as the rule's own verdict function computes it: the one mark every
 * view puts on a figure (⚠) means `reported`, so a reader who sees it finds the rule's finding on the source.
 */
export interface JudgedFigure {
  rule: string;
  /** `max`: the rule reports the figure above `limit`; `min`: below it. */
  bound: 'max' | 'min';
  limit: number;
  /** The rule reports this figure past its limit: the source has that rule's finding (not suppressed). */
  reported: boolean;
}

export type LineageNodeKind = 'external' | 'generator' | 'source';

export interface LineageNode {
  /** Unique within the graph: `source:<id>`, `external:<name>`, `generator:<model>`. */
  key: string;
  kind: LineageNodeKind;
  label: string;
  origin?: Origin;
  /** Generation depth, for source nodes (0 = human or unknown ancestry, 1 = generated from human data, ...). */
  depth?: number;
  /** The source id, for source nodes (click → reveal). */
  sourceId?: string;
}

export interface LineageEdge {
  from: string;
  to: string;
  kind: 'derivedFrom' | 'generatedBy';
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Source ids in each derivedFrom cycle. */
  cycles: string[][];
  /** Where each node and edge is drawn, computed once here so every renderer draws the same picture. */
  layout: LineageLayout;
}

/** A node's box in the drawing, in SVG user units (top-left corner). */
export interface PlacedNode {
  key: string;
  /** The two lines drawn in the box: the name (bidi controls made visible, elided to fit) and what the node is. */
  lines: [string, string];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: 'derivedFrom' | 'generatedBy';
  /** SVG path data from the side of `from` to the side of `to`; it bends only between ranks, never over a node. */
  path: string;
  /** True when both ends sit in the same derivedFrom cycle. */
  inCycle: boolean;
}

/** Fixed text drawn in the graph (a group heading); never dataset text. */
export interface LineageCaption {
  text: string;
  x: number;
  y: number;
}

export interface LineageLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  captions: LineageCaption[];
  /** True when the graph is too large to draw readably (see LAYOUT.maxNodes); the report lists it as text. */
  omitted: boolean;
}

export interface LengthHistogram {
  /** Upper bounds in words (inclusive); the last bucket is open-ended. */
  bounds: number[];
  /** Fraction of each origin's records in each bucket, so a small human seed compares with a big synthetic set. */
  human: number[];
  synthetic: number[];
  records: { human: number; synthetic: number };
}

export interface OpeningRow {
  sourceId: string;
  origin: Origin;
  text: string;
  count: number;
  /** Fraction of the source's records that open this way. */
  share: number;
}

export interface FindingRow {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path, for the editor to reveal. */
  file: string;
  /** Path relative to the report root (or the manifest folder), for display. */
  displayFile: string;
  /** 1-based, for display. */
  line: number;
  column: number;
  range: Range;
  sourceId?: string;
  /** https URL of the rule's docs page, when the rule is known. */
  docsUrl?: string;
}

export interface ReportModel {
  /** 2 since each source row carries its own human `baseline` and the report's pooled one went (breaking for readers of `report --format json`). */
  schemaVersion: 2;
  title: string;
  manifest: { file: string; displayFile: string; dialect: DialectId; name?: string };
  /** True when diversity figures from the analyzer are present for at least one source. */
  dataAnalyzed: boolean;
  totals: { sources: number; rows?: number; tokens?: number; findings: SeverityCounts };
  shares: Record<Basis, OriginShares>;
  /** The synthetic share every view leads with (core/ratios.ts shareSummary). */
  syntheticShare: ShareSummary;
  metrics: MetricInfo[];
  sources: SourceRow[];
  lineage: LineageGraph;
  charts: { lengths?: LengthHistogram; openings: OpeningRow[] };
  findings: FindingRow[];
}
