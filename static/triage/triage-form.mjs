// Walks the symptom check's pages on the phone and shows the result from the first page's
// <template>s, with the published rule set and engine.mjs: the same pages, rules and result as
// the plain form (triage/views.py). Answers never leave the phone; the browser history holds
// only the step shown. If the rule set is missing or stale, the plain form is left as is; if
// anything fails, the answers so far are posted to the server, as without JavaScript.
import { assess, compose } from "./engine.mjs";
import { start as startPrint } from "../js/print-button.mjs";

const RESULT = "result";
const HOUR = 3600000;
// The hours back each `when` option covers, [from, to]; from null: "before".
const SPANS = {
  when_48h: [48, 0],
  when_2_to_3_days: [72, 48],
  when_3_to_5_days: [120, 72],
  when_later: [null, 120],
};

const templateFor = (root, attribute, value) =>
  [...root.querySelectorAll(`template[${attribute}]`)].find(
    (template) => template.getAttribute(attribute) === value,
  );

const isUsable = (ruleSet, root) =>
  ruleSet !== null &&
  typeof ruleSet === "object" &&
  ["levels", "groups", "choices", "findings", "rules", "services"].every((key) =>
    Array.isArray(ruleSet[key]),
  ) &&
  ruleSet.levels.length > 0 &&
  ruleSet.version === root.dataset.rulesVersion;

// "None of these" and the ticks exclude each other (GOV.UK pattern); radios are not ticks.
function keepExclusive(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "checkbox" || !input.checked) return;
  const box = input.closest("[data-checkboxes]");
  if (!box) return;
  const exclusive = input.hasAttribute("data-exclusive");
  for (const other of box.querySelectorAll("input[type=checkbox]")) {
    if (other !== input && (exclusive || other.hasAttribute("data-exclusive"))) other.checked = false;
  }
}

// The span of time a `when` option covers on the phone's clock, in the words given.
function span(code, now, lang, words) {
  const hours = SPANS[code];
  if (!hours || !words.between) return "";
  const format = new Intl.DateTimeFormat(lang, { weekday: "long", hour: "numeric", minute: "2-digit" });
  const at = (back) => format.format(new Date(now - back * HOUR));
  const fill = (text, start, end) =>
    text.replace("%(start)s", () => start).replace("%(end)s", () => end);
  return hours[0] === null
    ? fill(words.before, "", at(hours[1]))
    : fill(words.between, at(hours[0]), at(hours[1]));
}

function items(list, texts) {
  for (const text of texts) {
    const item = document.createElement("li");
    item.textContent = text;
    list.append(item);
  }
}

function reasonItem(template, rule) {
  const item = template.content.firstElementChild.cloneNode(true);
  item.prepend(rule.text);
  const details = item.querySelector("details");
  const blank = details.querySelector("li");
  if (!rule.sources.length) details.remove();
  for (const source of rule.sources) {
    const line = blank.cloneNode(true);
    const link = line.querySelector("a");
    link.href = source.url;
    link.textContent = `${source.publisher}: ${source.title}`;
    if (source.confirmed) line.replaceChildren(link);
    blank.before(line);
  }
  blank.remove();
  return item;
}

function scriptLine(template, finding, said) {
  const line = template.content.firstElementChild.cloneNode(true);
  line.dataset.code = finding.code;
  line.querySelector("[data-said]").textContent = said(finding, false);
  const english = line.querySelector("[data-said-en]");
  if (english) english.textContent = said(finding, true);
  const [box, label] = line.querySelectorAll("[data-hide]");
  if (!finding.private) {
    box.remove();
    label.remove();
  } else {
    box.id = `hide-${finding.code}`;
    label.htmlFor = box.id;
  }
  return line;
}

function fillResult(fragment, result, answers, said) {
  const one = (selector) => fragment.querySelector(selector);
  const staff = one("[data-result-staff-box]");
  if (staff && result.tellStaff.length) {
    items(one("[data-result-staff]"), result.tellStaff);
    staff.hidden = false;
  }
  const services = new Set(result.services.map((service) => service.key));
  for (const service of fragment.querySelectorAll("[data-result-services] > [data-service]")) {
    if (!services.has(service.dataset.service)) service.remove();
  }
  const reasons = one("[data-result-reasons]");
  const reasonTemplate = one("template[data-reason]");
  for (const rule of result.reasons) reasons.append(reasonItem(reasonTemplate, rule));
  reasons.hidden = !result.reasons.length;
  one("[data-result-nothing]").hidden = result.reasons.length > 0;

  const groups = new Map(result.safetyNet.map((group) => [group.level.code, group.signs]));
  for (const group of fragment.querySelectorAll("[data-result-net]")) {
    const signs = groups.get(group.dataset.resultNet);
    if (signs) items(group.querySelector("ul"), signs);
    if (signs) group.hidden = false;
    else group.remove();
  }
  const net = one("[data-result-net-box]");
  if (net && groups.size) net.hidden = false;
  else if (net) net.remove();

  const lineTemplate = one("template[data-script-line]");
  for (const finding of result.script) {
    one("[data-result-script]").append(scriptLine(lineTemplate, finding, said));
  }
  one("[data-result-script-nothing]").hidden = result.script.length > 0;

  const button = one("[data-result-change] button");
  for (const [name, value] of answers) {
    const hidden = document.createElement("input");
    Object.assign(hidden, { type: "hidden", name, value });
    button.before(hidden);
  }
}

function enhance(root, ruleSet) {
  const stage = root.querySelector("[data-triage-stage]");
  const form = stage && stage.querySelector("[data-triage-form]");
  const slot = form && form.querySelector("[data-triage-fieldset]");
  const carried = form && form.querySelector("[data-triage-carried]");
  const back = form && form.querySelector("[data-triage-back]");
  const pages = [...root.querySelectorAll("template[data-triage-group]")].map((template) =>
    template.getAttribute("data-triage-group"),
  );
  if (!slot || !carried || pages.length === 0) return;

  const lang = document.documentElement.lang || "en";
  const words = { between: root.dataset.spanBetween, before: root.dataset.spanBefore };
  const englishWords = { between: root.dataset.spanBetweenEn, before: root.dataset.spanBeforeEn };
  // The answers so far, page by page (ticks and single choices); kept when going back.
  const answers = new Map(pages.map((page) => [page, new Set()]));
  const nones = new Set();
  let shown = 0;
  let reached = pages;
  let clock = Date.now();

  const given = () => [...answers.values()].flatMap((codes) => [...codes]);

  function said(finding, english) {
    const text = english ? finding.said_en : finding.said;
    const when = span(finding.code, clock, english ? "en-US" : lang, english ? englishWords : words);
    return when ? `${text} (${when})` : text;
  }

  function clearError() {
    for (const summary of form.querySelectorAll("[data-error-summary]")) summary.remove();
  }

  function showError(kind, first) {
    clearError();
    const template = templateFor(root, "data-triage-error", kind);
    const summary = template.content.firstElementChild.cloneNode(true);
    summary.removeAttribute("autofocus");
    if (first) summary.querySelector("a").href = `#${first.id}`;
    form.prepend(summary);
    summary.focus();
  }

  function focusHeading(container) {
    window.scrollTo(0, 0);
    const heading = container.querySelector("h1");
    if (heading) heading.focus({ preventScroll: true });
  }

  function showPage(index) {
    const page = pages[index];
    const template = templateFor(root, "data-triage-group", page);
    if (stage.firstElementChild !== form) stage.replaceChildren(form);
    clearError();
    carried.replaceChildren();
    slot.replaceChildren(template.content.cloneNode(true));
    for (const input of slot.querySelectorAll("input[type=checkbox], input[type=radio]")) {
      input.checked = input.name === "none" ? nones.has(page) : answers.get(page).has(input.value);
    }
    const spans = slot.querySelectorAll("[data-when-span]");
    if (spans.length) clock = Date.now();
    for (const element of spans) {
      const text = span(element.dataset.whenSpan, clock, lang, words);
      element.textContent = text && ` ${text}`;
      element.hidden = !text;
    }
    form.action = template.dataset.action;
    if (back) back.hidden = !template.dataset.hasBack;
    shown = index;
    focusHeading(slot);
  }

  function showResult() {
    const assessment = assess(ruleSet, given());
    const result = compose(ruleSet, assessment, reached);
    const template = templateFor(root, "data-triage-result", assessment.level);
    const fragment = template.content.cloneNode(true);
    const carry = [
      ...assessment.findings.map((code) => ["findings", code]),
      ...[...nones].sort().map((page) => ["none", page]),
    ];
    fillResult(fragment, result, carry, said);
    stage.replaceChildren(fragment);
    for (const element of stage.querySelectorAll('[data-module="print"]')) startPrint(element);
    if (root.dataset.resultTitle) document.title = root.dataset.resultTitle;
    shown = RESULT;
    focusHeading(stage);
  }

  const show = (step) => (step === RESULT ? showResult() : showPage(step));

  // Each page or result is a history entry, so the browser's Back goes to the one before.
  function go(step) {
    show(step);
    history.pushState({ triageStep: step }, "");
  }

  // Never leave a person stuck: the page on show sends its own inputs; the rest go hidden.
  function handOverToServer() {
    const carry = (name, value) => {
      const hidden = document.createElement("input");
      Object.assign(hidden, { type: "hidden", name, value });
      carried.append(hidden);
    };
    for (const [page, codes] of answers) {
      if (page !== pages[shown]) codes.forEach((code) => carry("findings", code));
    }
    nones.forEach((page) => page !== pages[shown] && carry("none", page));
    form.submit();
  }

  const checked = (selector) => [...slot.querySelectorAll(`${selector}:checked`)];

  function remember() {
    if (shown === RESULT) return;
    const codes = checked("input[name=findings]").map((input) => input.value);
    answers.set(pages[shown], new Set(codes));
    if (checked("input[name=none]").length) nones.add(pages[shown]);
    else nones.delete(pages[shown]);
  }

  // What is wrong with the page's answer, as the server sees it (FormAnswers.problem).
  function problem() {
    const ticks = slot.querySelectorAll("input[type=checkbox][name=findings]");
    const ticked = checked("input[type=checkbox][name=findings]").length > 0;
    const none = checked("input[name=none]").length > 0;
    if (ticked && none) return ["none-and-sign", ticks[0]];
    if (ticks.length && !ticked && !none) return ["choose", ticks[0]];
    for (const choice of slot.querySelectorAll("[data-choice]")) {
      if (!choice.querySelector("input:checked")) {
        return [`choose-one-${choice.dataset.choice}`, choice.querySelector("input")];
      }
    }
    return null;
  }

  function answer() {
    remember();
    const level = assess(ruleSet, given()).level;
    // An emergency goes to the result at once, whatever is unanswered (spec principle 4).
    const emergency = level === ruleSet.levels[0].code;
    const wrong = !emergency && problem();
    if (wrong) return showError(...wrong);
    const last = shown + 1 >= pages.length;
    if (emergency || last) reached = pages.slice(0, shown + 1);
    go(emergency || last ? RESULT : shown + 1);
  }

  form.addEventListener("change", keepExclusive);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    try {
      if (event.submitter && event.submitter.name === "back") {
        remember();
        history.back();
      } else {
        answer();
      }
    } catch {
      handOverToServer();
    }
  });
  // "Change your answers" on the result goes back to the first page with every answer in place.
  stage.addEventListener("submit", (event) => {
    if (!event.target.matches("[data-result-change]")) return;
    event.preventDefault();
    go(0);
  });
  window.addEventListener("popstate", (event) => {
    const step = event.state && event.state.triageStep;
    if (step === RESULT || (Number.isInteger(step) && step >= 0 && step < pages.length)) {
      remember();
      show(step);
    }
  });
  history.replaceState({ triageStep: 0 }, "");
  root.setAttribute("data-triage-ready", "");
}

export function start(root) {
  if (!root || root.hasAttribute("data-triage-started")) return;
  root.setAttribute("data-triage-started", "");
  const url = root.dataset.rulesUrl;
  if (!url || typeof fetch !== "function") return;
  fetch(url, { headers: { Accept: "application/json" }, credentials: "omit", cache: "no-cache" })
    .then((response) => (response.ok ? response.json() : null))
    .then((ruleSet) => {
      if (isUsable(ruleSet, root)) enhance(root, ruleSet);
    })
    .catch(() => {
      // Offline without a cached rule set, or a network error: the plain form still works.
    });
}
