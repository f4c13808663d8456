// The triage rule, run on the phone from the published rule set (GET /api/v1/triage/).
// It is triage/engine.py line for line: a rule matches when every one of its findings was
// ticked; the result is the most urgent level among the matching rules, or the rule set's
// default (self-care) with none; ticking more never lowers a level. The reasons are the
// matching rules, most urgent first, then in the rule set's order; an urgent result says
// "emergency room" when a matching rule of its level does. Tests hold the two engines to exact
// agreement. Nothing here stores or sends anything.

export class UnknownFindingError extends Error {
  constructor(codes) {
    super(`Unknown finding code(s): ${codes.join(", ")}`);
    this.name = "UnknownFindingError";
    this.codes = codes;
  }
}

function compareStrings(a, b) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function findingCodes(ruleSet, findings) {
  if (
    typeof findings === "string" ||
    findings === null ||
    findings === undefined ||
    typeof findings[Symbol.iterator] !== "function"
  ) {
    throw new TypeError("findings must be an iterable of codes, not a single string");
  }
  const known = new Set(ruleSet.findings.map((finding) => finding.code));
  const codes = new Set();
  for (const code of findings) {
    if (typeof code !== "string") {
      throw new TypeError("Each finding must be a code written as a string.");
    }
    codes.add(code);
  }
  const unknown = [...codes].filter((code) => !known.has(code)).sort(compareStrings);
  if (unknown.length > 0) {
    throw new UnknownFindingError(unknown);
  }
  return codes;
}

export function assess(ruleSet, findings) {
  const ticked = findingCodes(ruleSet, findings);
  const rank = new Map(ruleSet.levels.map((level, index) => [level.code, index]));
  // The rule set lists rules most urgent first, then in order; a stable sort keeps that.
  const matching = ruleSet.rules
    .filter((rule) => rule.all_of.every((code) => ticked.has(code)))
    .sort((a, b) => rank.get(a.level) - rank.get(b.level));
  const level = matching.length > 0 ? matching[0].level : ruleSet.default_level;
  const er = matching.some((rule) => rule.level === level && rule.setting === "er");
  return {
    level,
    setting: er ? "er" : "any",
    reasons: matching.map((rule) => ({ code: rule.code, text: rule.text })),
    findings: ruleSet.findings.filter((f) => ticked.has(f.code)).map((f) => f.code),
    version: ruleSet.version,
  };
}
