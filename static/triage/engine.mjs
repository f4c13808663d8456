// The triage rule and the result it carries, on the phone, from the published rule set
// (GET /api/v1/triage/): triage/engine.py `evaluate` and triage/results.py `compose`, step for
// step. Tests hold the two to exact agreement. Pure: nothing is stored or sent.

export const MOST_SIGNS_A_GROUP = 8;
const ALWAYS = "always";
const STAFF_LEVELS = ["emergency", "er_today"];
const SOON = "soon";

class TriageInputError extends Error {
  constructor(name, message, codes) {
    super(message);
    this.name = name;
    this.codes = codes;
  }
}

const sorted = (codes) => [...new Set(codes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export class UnknownFindingError extends TriageInputError {
  constructor(codes) {
    const names = sorted(codes);
    super("UnknownFindingError", `These findings are not recognized: ${names.join(", ")}.`, names);
  }
}

export class TwoAnswersToOneChoiceError extends TriageInputError {
  constructor(codes) {
    const names = sorted(codes);
    const message = `Choose only one answer to each question: ${names.join(", ")}.`;
    super("TwoAnswersToOneChoiceError", message, names);
  }
}

const byCode = (items) => new Map(items.map((item) => [item.code, item]));
const compare = (a, b) => {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
};
const sortBy = (items, key) => [...items].sort((a, b) => compare(key(a), key(b)));
const rankOf = (ruleSet, level) => ruleSet.levels.findIndex((l) => l.code === level);
const optionsOf = (ruleSet, choice) => ruleSet.findings.filter((f) => f.choice === choice);

function findingCodes(ruleSet, findings) {
  if (typeof findings === "string" || typeof findings?.[Symbol.iterator] !== "function") {
    throw new TypeError("findings must be an iterable of codes, not a single string");
  }
  const codes = new Set();
  for (const code of findings) {
    if (typeof code !== "string") throw new TypeError("Each finding must be a code written as a string.");
    codes.add(code);
  }
  const known = byCode(ruleSet.findings);
  const unknown = [...codes].filter((code) => !known.has(code));
  if (unknown.length) throw new UnknownFindingError(unknown);
  for (const choice of ruleSet.choices) {
    const chosen = optionsOf(ruleSet, choice.code).filter((o) => codes.has(o.code));
    if (chosen.length > 1) throw new TwoAnswersToOneChoiceError(chosen.map((o) => o.code));
  }
  return codes;
}

// A single choice with no answer counts as its not-sure option.
export function withNotSure(ruleSet, given) {
  const answers = new Set(given);
  for (const choice of ruleSet.choices) {
    if (!optionsOf(ruleSet, choice.code).some((o) => given.has(o.code))) answers.add(choice.not_sure);
  }
  return answers;
}

export const matches = (rule, answers) =>
  rule.all_of.every((c) => answers.has(c)) && (!rule.any_of.length || rule.any_of.some((c) => answers.has(c)));

const inPageOrder = (ruleSet, given) => ruleSet.findings.filter((f) => given.has(f.code));

export function assess(ruleSet, findings) {
  const given = findingCodes(ruleSet, findings);
  const answers = withNotSure(ruleSet, given);
  const matching = sortBy(
    ruleSet.rules.filter((rule) => matches(rule, answers)),
    (rule) => [rankOf(ruleSet, rule.level), rule.order, rule.code],
  );
  return {
    level: matching.length ? matching[0].level : ruleSet.default_level,
    reasons: matching.map((rule) => ({ code: rule.code, text: rule.text })),
    findings: inPageOrder(ruleSet, given).map((f) => f.code),
    version: ruleSet.version,
  };
}

function completions(rule, answers, developing) {
  const missing = rule.all_of.filter((code) => !answers.has(code));
  if (!missing.every(developing)) return [];
  if (rule.any_of.length && !rule.any_of.some((code) => answers.has(code))) {
    return rule.any_of.filter(developing).map((code) => new Set([...missing, code]));
  }
  return [new Set(missing)];
}

const isSubset = (small, big) => [...small].every((code) => big.has(code));

export function safetyNet(ruleSet, level, given, reached) {
  const answers = withNotSure(ruleSet, given);
  const findings = byCode(ruleSet.findings);
  const developing = (code) => {
    const { develops } = findings.get(code);
    if (develops === ALWAYS) return true;
    if (!develops) return false;
    const after = findings.get(develops);
    return given.has(after.code) || !reached.has(after.group);
  };
  const groups = [];
  const shownAbove = [];
  for (const moreUrgent of ruleSet.levels.slice(0, rankOf(ruleSet, level))) {
    const chosen = [];
    const shownHere = [];
    for (const rule of ruleSet.rules) {
      if (rule.level !== moreUrgent.code || !rule.watch_for || matches(rule, answers)) continue;
      const ways = completions(rule, answers, developing);
      if (ways.length && !ways.every((way) => shownAbove.some((s) => isSubset(s, way)))) {
        chosen.push(rule);
        shownHere.push(...ways);
      }
    }
    // The person's own answers first, and signs that only follow one of them.
    const own = (rule) =>
      rule.all_of
        .concat(rule.any_of)
        .some((c) => given.has(c) || given.has(findings.get(c).develops))
        ? 0
        : 1;
    const phrases = sortBy(chosen, (r) => [own(r), r.watch_for_order, r.order, r.code]).map(
      (rule) => rule.watch_for,
    );
    const signs = [...new Set(phrases)].slice(0, MOST_SIGNS_A_GROUP);
    shownAbove.push(...shownHere);
    if (signs.length) groups.push({ level: moreUrgent, signs });
  }
  return groups;
}

function fits(service, level, matched, given) {
  if (!service.levels.includes(level)) return false;
  if (!service.rules.length && !service.findings.length) return true;
  return service.rules.some((c) => matched.has(c)) || service.findings.some((c) => given.has(c));
}

function tellStaff(ruleSet, level, given, reached) {
  if (!STAFF_LEVELS.includes(level)) return [];
  const answered = inPageOrder(ruleSet, given).map((f) => f.tell_staff).filter(Boolean);
  const unreached = ruleSet.groups.filter((p) => !reached.has(p.code)).flatMap((p) => p.unreached);
  return [...new Set([...answered, ...unreached])];
}

// The whole result of an assessment, for a person who saw the pages in `reached`.
export function compose(ruleSet, assessment, reached) {
  const rules = byCode(ruleSet.rules);
  const reasons = assessment.reasons.map((reason) => rules.get(reason.code));
  const matched = new Set(reasons.map((rule) => rule.code));
  const given = new Set(assessment.findings);
  const level = assessment.level;
  const pages = new Set(reached);
  const home = level === SOON ? ruleSet.levels.find((l) => l.code === ruleSet.default_level) : null;
  return {
    level: ruleSet.levels.find((l) => l.code === level),
    reasons,
    services: ruleSet.services.filter((s) => fits(s, level, matched, given)),
    safetyNet: safetyNet(ruleSet, level, given, pages),
    tellStaff: tellStaff(ruleSet, level, given, pages),
    homeCare: home ? home.advice : [],
    script: inPageOrder(ruleSet, given),
    findings: assessment.findings,
  };
}
