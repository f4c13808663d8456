// The triage rule, run on the phone from the published rule set (GET /api/v1/triage/).
// It is triage/engine.py line for line: the result is the most urgent level among the findings
// reported, or the rule set's default (self-care) with none; nothing lowers a level; the reasons
// are the reported findings, most urgent first, in the rule set's order. Tests hold the two
// engines to exact agreement. Nothing here stores or sends anything.

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

export function assess(ruleSet, findings) {
  if (
    typeof findings === "string" ||
    findings === null ||
    findings === undefined ||
    typeof findings[Symbol.iterator] !== "function"
  ) {
    throw new TypeError("findings must be an iterable of codes, not a single string");
  }
  const rank = new Map(ruleSet.levels.map((level, index) => [level.code, index]));
  const byCode = new Map(ruleSet.findings.map((finding) => [finding.code, finding]));
  const codes = new Set();
  for (const code of findings) {
    if (typeof code !== "string") {
      throw new TypeError("Each finding must be a code written as a string.");
    }
    codes.add(code);
  }
  const unknown = [...codes].filter((code) => !byCode.has(code)).sort(compareStrings);
  if (unknown.length > 0) {
    throw new UnknownFindingError(unknown);
  }
  const reported = [...codes]
    .map((code) => byCode.get(code))
    .sort(
      (a, b) =>
        rank.get(a.level) - rank.get(b.level) ||
        rank.get(a.group) - rank.get(b.group) ||
        a.order - b.order ||
        compareStrings(a.code, b.code),
    );
  return {
    level: reported.length > 0 ? reported[0].level : ruleSet.default_level,
    reasons: reported.map((finding) => ({ code: finding.code, text: finding.text })),
    version: ruleSet.version,
  };
}
