// The phone's engine (static/triage/engine.mjs) against the Python one: the fixture, written by
// tests/triage/test_phone_engine.py, holds the published rule set in each language and what
// triage/engine.py and triage/results.py give for each case. Run: TRIAGE_FIXTURE=... node --test
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  TwoAnswersToOneChoiceError,
  UnknownFindingError,
  assess,
  compose,
} from "../../static/triage/engine.mjs";

const path = process.env.TRIAGE_FIXTURE;
const fixture = path ? JSON.parse(readFileSync(path, "utf8")) : null;
const needsFixture = { skip: path ? false : "TRIAGE_FIXTURE is not set" };

function outcome(ruleSet, findings, reached) {
  const assessment = assess(ruleSet, findings);
  const result = compose(ruleSet, assessment, reached);
  return {
    level: assessment.level,
    reasons: assessment.reasons.map((reason) => reason.code),
    services: result.services.map((service) => service.key),
    safety_net: result.safetyNet.map((group) => [group.level.code, group.signs]),
    tell_staff: result.tellStaff,
    home_care: result.homeCare,
    script: result.script.map((finding) => finding.code),
  };
}

function shuffled(items, seed) {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

test("every case gives what the Python engine and compose give", needsFixture, () => {
  assert.ok(fixture.cases.length > 0);
  for (const { lang, findings, reached, expected } of fixture.cases) {
    const actual = outcome(fixture.rule_sets[lang], findings, reached);
    assert.deepEqual(actual, expected, `${lang} ${JSON.stringify(findings)} reached ${reached}`);
  }
});

test("the order the rules arrive in changes nothing", needsFixture, () => {
  for (const [lang, ruleSet] of Object.entries(fixture.rule_sets)) {
    for (const seed of [1, 2, 3]) {
      const rules = shuffled(ruleSet.rules, seed);
      const mixed = { ...ruleSet, rules };
      for (const { findings, reached, expected } of fixture.cases.filter((c) => c.lang === lang)) {
        assert.deepEqual(outcome(mixed, findings, reached), expected, JSON.stringify(findings));
      }
    }
  }
});

test("assess gives the rule set's version and the answers in page order", needsFixture, () => {
  const ruleSet = fixture.rule_sets.en;
  const codes = ruleSet.findings.filter((f) => !f.choice).map((f) => f.code);
  const assessment = assess(ruleSet, [...codes].reverse().concat(codes[0]));
  assert.equal(assessment.version, ruleSet.version);
  assert.deepEqual(assessment.findings, codes);
});

test("unknown codes are refused, named in order", needsFixture, () => {
  const ruleSet = fixture.rule_sets.en;
  assert.throws(
    () => assess(ruleSet, ["heavy_bleeding", "zz_unknown", "aa_unknown"]),
    (error) =>
      error instanceof UnknownFindingError &&
      error.message.includes("aa_unknown, zz_unknown") &&
      !error.message.includes("heavy_bleeding") &&
      error.codes.join() === "aa_unknown,zz_unknown",
  );
});

test("two options of one single choice are refused, naming both", needsFixture, () => {
  const ruleSet = fixture.rule_sets.en;
  for (const choice of ruleSet.choices) {
    const [first, second] = ruleSet.findings.filter((f) => f.choice === choice.code);
    assert.throws(
      () => assess(ruleSet, [second.code, first.code]),
      (error) =>
        error instanceof TwoAnswersToOneChoiceError &&
        error.message.includes([first.code, second.code].sort().join(", ")),
    );
  }
});

test("a string, a non-list or a non-string code is a TypeError", needsFixture, () => {
  const ruleSet = fixture.rule_sets.en;
  for (const findings of ["heavy_bleeding", null, undefined, 42, { code: "fever" }]) {
    assert.throws(() => assess(ruleSet, findings), TypeError, String(findings));
  }
  assert.throws(() => assess(ruleSet, ["fever", 7]), TypeError);
  assert.equal(assess(ruleSet, new Set(["heavy_bleeding"])).level, ruleSet.levels[0].code);
});

test("a single choice left unanswered counts as its not-sure option", needsFixture, () => {
  const ruleSet = fixture.rule_sets.en;
  for (const choice of ruleSet.choices) {
    const notSure = assess(ruleSet, [choice.not_sure]);
    assert.deepEqual(assess(ruleSet, []).reasons, notSure.reasons);
  }
});
