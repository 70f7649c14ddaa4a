/**
 * The required shape of a SARIF 2.1.0 log, checked by hand against the OASIS schema
 * (sarif-schema-2.1.0.json: the `required` lists, enums and minimums of sarifLog, run, tool, toolComponent,
 * reportingDescriptor, result, message, location, physicalLocation, artifactLocation and region), plus what
 * GitHub code scanning needs on top (a helpUri and default level per rule, a region per result).
 * Returns the problems found, each with its JSON path; empty means the log has the required shape.
 */
type Json = unknown;

const LEVELS = ['none', 'note', 'warning', 'error'];

export function sarifProblems(log: Json): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, path: string, what: string): void => {
    if (!ok) problems.push(`${path}: ${what}`);
  };
  const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isInt = (v: Json, min: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min;
  const isText = (v: Json): boolean => typeof v === 'string' && v.length > 0;
  const message = (m: Json, path: string): void => {
    need(isObj(m), path, 'message object required');
    if (isObj(m)) need(isText(m.text) || isText(m.id), path, 'message needs text or id');
  };
  const physical = (p: Json, path: string): void => {
    need(isObj(p), path, 'physicalLocation object required');
    if (!isObj(p)) return;
    const a = p.artifactLocation;
    need(isObj(a) && isText(a.uri), `${path}.artifactLocation.uri`, 'uri required');
    if (isObj(a) && typeof a.uri === 'string') {
      need(!a.uri.includes('\\') && !/\s/.test(a.uri), `${path}.artifactLocation.uri`, 'uri-reference without backslashes or spaces');
      need(a.uriBaseId === undefined || isText(a.uriBaseId), `${path}.artifactLocation.uriBaseId`, 'string');
    }
    const r = p.region;
    need(isObj(r), `${path}.region`, 'region required (code scanning)');
    if (!isObj(r)) return;
    need(isInt(r.startLine, 1), `${path}.region.startLine`, 'integer ≥ 1');
    for (const key of ['startColumn', 'endLine', 'endColumn'] as const) {
      need(r[key] === undefined || isInt(r[key], 1), `${path}.region.${key}`, 'integer ≥ 1');
    }
    if (isInt(r.endLine, 1) && isInt(r.startLine, 1)) need((r.endLine as number) >= (r.startLine as number), `${path}.region`, 'ends before it starts');
  };

  need(isObj(log), '$', 'object required');
  if (!isObj(log)) return problems;
  need(log.version === '2.1.0', '$.version', "must be '2.1.0'");
  need(log.$schema === undefined || isText(log.$schema), '$.$schema', 'string');
  need(Array.isArray(log.runs), '$.runs', 'array required');
  const runs = Array.isArray(log.runs) ? log.runs : [];
  runs.forEach((run: Json, i) => {
    const at = `$.runs[${i}]`;
    need(isObj(run), at, 'object');
    if (!isObj(run)) return;
    const driver = isObj(run.tool) ? run.tool.driver : undefined;
    need(isObj(driver), `${at}.tool.driver`, 'required');
    if (!isObj(driver)) return;
    need(isText(driver.name), `${at}.tool.driver.name`, 'required');
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    need(driver.rules === undefined || Array.isArray(driver.rules), `${at}.tool.driver.rules`, 'array');
    const ids = new Set<string>();
    rules.forEach((rule: Json, j) => {
      const rp = `${at}.tool.driver.rules[${j}]`;
      need(isObj(rule) && isText(rule.id), `${rp}.id`, 'required');
      if (!isObj(rule)) return;
      need(!ids.has(String(rule.id)), `${rp}.id`, 'unique');
      ids.add(String(rule.id));
      need(isObj(rule.shortDescription) && isText(rule.shortDescription.text), `${rp}.shortDescription.text`, 'required (code scanning)');
      need(typeof rule.helpUri === 'string' && /^https?:\/\//.test(rule.helpUri), `${rp}.helpUri`, 'absolute URI');
      const level = isObj(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      need(typeof level === 'string' && LEVELS.includes(level), `${rp}.defaultConfiguration.level`, LEVELS.join('|'));
    });
    need(run.results === undefined || Array.isArray(run.results), `${at}.results`, 'array');
    const results = Array.isArray(run.results) ? run.results : [];
    results.forEach((result: Json, j) => {
      const rp = `${at}.results[${j}]`;
      need(isObj(result), rp, 'object');
      if (!isObj(result)) return;
      message(result.message, `${rp}.message`);
      need(result.level === undefined || LEVELS.includes(String(result.level)), `${rp}.level`, LEVELS.join('|'));
      need(isText(result.ruleId), `${rp}.ruleId`, 'required (code scanning)');
      if (result.ruleIndex !== undefined) {
        need(isInt(result.ruleIndex, 0), `${rp}.ruleIndex`, 'integer ≥ 0');
        const rule = rules[result.ruleIndex as number];
        need(isObj(rule) && rule.id === result.ruleId, `${rp}.ruleIndex`, 'must point at the rule with the same id');
      }
      need(Array.isArray(result.locations) && result.locations.length > 0, `${rp}.locations`, 'at least one (code scanning)');
      (Array.isArray(result.locations) ? result.locations : []).forEach((loc: Json, k) => {
        need(isObj(loc), `${rp}.locations[${k}]`, 'object');
        if (isObj(loc)) physical(loc.physicalLocation, `${rp}.locations[${k}].physicalLocation`);
      });
    });
  });
  return problems;
}
