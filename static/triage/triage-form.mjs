// Enhances the symptom check's first page: the five pages are walked on the phone and the result
// is shown from the page's <template>s, using the published rule set and engine.mjs. Answers
// never leave the phone: after the rule set is fetched, nothing is requested, and the browser
// history holds only the number of the page shown. If the rule set cannot be fetched, or is not
// the version the page was built from, the plain form (which posts to the server) is left as is.
import { assess } from "./engine.mjs";
import { start as startPrint } from "../js/print-button.mjs";

const RESULT = "result";

function templateFor(root, attribute, value) {
  return [...root.querySelectorAll(`template[${attribute}]`)].find(
    (template) => template.getAttribute(attribute) === value,
  );
}

function isUsable(ruleSet, root) {
  return (
    ruleSet !== null &&
    typeof ruleSet === "object" &&
    Array.isArray(ruleSet.levels) &&
    ruleSet.levels.length > 0 &&
    Array.isArray(ruleSet.groups) &&
    Array.isArray(ruleSet.findings) &&
    Array.isArray(ruleSet.rules) &&
    Array.isArray(ruleSet.services) &&
    ruleSet.version === root.dataset.rulesVersion
  );
}

// "None of these" and the signs exclude each other (GOV.UK checkboxes pattern).
function keepExclusive(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "checkbox" || !input.checked) {
    return;
  }
  const box = input.closest("[data-checkboxes]");
  if (!box) return;
  const exclusive = input.hasAttribute("data-exclusive");
  for (const other of box.querySelectorAll("input[type=checkbox]")) {
    if (other !== input && (exclusive || other.hasAttribute("data-exclusive"))) {
      other.checked = false;
    }
  }
}

function fillList(list, items) {
  for (const text of items) {
    const item = document.createElement("li");
    item.textContent = text;
    list.append(item);
  }
}

// Shows a slot when there is something to put in it, and removes it (or its alternative).
function fillSlot(fragment, slot, items, { box = slot, empty = null } = {}) {
  const boxElement = fragment.querySelector(box);
  const emptyElement = empty && fragment.querySelector(empty);
  if (items.length > 0) {
    fillList(fragment.querySelector(slot), items);
    boxElement.hidden = false;
    if (emptyElement) emptyElement.remove();
  } else {
    boxElement.remove();
    if (emptyElement) emptyElement.hidden = false;
  }
}

function fillResult(fragment, ruleSet, assessment) {
  const rulesByCode = new Map(ruleSet.rules.map((rule) => [rule.code, rule]));
  const findingsByCode = new Map(ruleSet.findings.map((finding) => [finding.code, finding]));
  const told = assessment.findings.map((code) => findingsByCode.get(code));
  const er = fragment.querySelector("[data-result-er]");
  if (er) {
    if (assessment.setting === "er") er.hidden = false;
    else er.remove();
  }
  fillSlot(fragment, "[data-result-advice]", told.map((f) => f.advice).filter(Boolean), {
    box: "[data-result-advice-box]",
  });
  fillSlot(fragment, "[data-result-reasons]", assessment.reasons.map((r) => r.text), {
    empty: "[data-result-nothing]",
  });
  const sources = [
    ...new Set(assessment.reasons.flatMap((reason) => rulesByCode.get(reason.code).sources)),
  ];
  fillSlot(fragment, "[data-result-sources]", sources, { box: "[data-result-sources-box]" });
  fillSlot(fragment, "[data-result-told]", told.map((f) => f.text), {
    empty: "[data-result-told-nothing]",
  });
  const date = fragment.querySelector("[data-result-date]");
  const long = { year: "numeric", month: "long", day: "numeric" };
  if (date) date.textContent = new Date().toLocaleDateString(document.documentElement.lang, long);

  // Keep the services that fit: shown on this level, for a matching rule, or for an answer.
  const matched = new Set(assessment.reasons.map((reason) => reason.code));
  const ticked = new Set(assessment.findings);
  const words = (value) => (value || "").split(" ").filter(Boolean);
  for (const service of fragment.querySelectorAll("[data-result-services] > li")) {
    const fits =
      words(service.dataset.serviceLevels).includes(assessment.level) ||
      words(service.dataset.serviceRules).some((code) => matched.has(code)) ||
      words(service.dataset.serviceFindings).some((code) => ticked.has(code));
    if (!fits) service.remove();
  }
  const services = fragment.querySelector("[data-result-services-box]");
  if (services && !services.querySelector("[data-result-services] > li")) services.remove();
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

  // The answers so far, page by page; kept when going back, so nothing has to be ticked twice.
  const ticks = new Map(pages.map((page) => [page, new Set()]));
  const nones = new Set();
  let shown = 0;

  const allTicks = () => [...ticks.values()].flatMap((codes) => [...codes]);

  function clearError() {
    for (const summary of form.querySelectorAll("[data-error-summary]")) summary.remove();
  }

  function showError(kind) {
    clearError();
    const template = templateFor(root, "data-triage-error", kind);
    const first = slot.querySelector("input[type=checkbox]");
    if (!template || !first) return;
    const summary = template.content.firstElementChild.cloneNode(true);
    summary.removeAttribute("autofocus");
    const link = summary.querySelector("a");
    if (link) link.href = `#${first.id}`;
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
    for (const input of slot.querySelectorAll("input[type=checkbox]")) {
      input.checked =
        input.name === "none" ? nones.has(page) : ticks.get(page).has(input.value);
    }
    form.action = template.dataset.action;
    if (back) back.hidden = !template.dataset.hasBack;
    shown = index;
    focusHeading(slot);
  }

  function showResult() {
    const assessment = assess(ruleSet, allTicks());
    const template = templateFor(root, "data-triage-result", assessment.level);
    const fragment = template.content.cloneNode(true);
    fillResult(fragment, ruleSet, assessment);
    stage.replaceChildren(fragment);
    for (const element of stage.querySelectorAll('[data-module="print"]')) startPrint(element);
    if (root.dataset.resultTitle) document.title = root.dataset.resultTitle;
    shown = RESULT;
    focusHeading(stage);
  }

  function show(step) {
    if (step === RESULT) showResult();
    else showPage(step);
  }

  // Each page or result is a history entry, so the browser's Back goes to the page before.
  function go(step) {
    show(step);
    history.pushState({ triageStep: step }, "");
  }

  function handOverToServer() {
    // Never leave a person stuck: send every answer so far to the server, as without JavaScript.
    // The page on show sends its own checkboxes; the other pages' answers go in hidden fields.
    const carry = (name, value) => {
      const hidden = document.createElement("input");
      Object.assign(hidden, { type: "hidden", name, value });
      carried.append(hidden);
    };
    for (const [page, codes] of ticks) {
      if (page !== pages[shown]) codes.forEach((code) => carry("findings", code));
    }
    nones.forEach((page) => page !== pages[shown] && carry("none", page));
    form.submit();
  }

  function checkedOnPage() {
    const checked = [...slot.querySelectorAll("input[type=checkbox]:checked")];
    const signs = checked.filter((input) => input.name === "findings").map((i) => i.value);
    return { signs, none: checked.some((input) => input.name === "none") };
  }

  // Whatever is ticked on the page on show is kept when leaving it, by Continue or by Back.
  function remember() {
    if (shown === RESULT) return;
    const { signs, none } = checkedOnPage();
    ticks.set(pages[shown], new Set(signs));
    if (none) nones.add(pages[shown]);
    else nones.delete(pages[shown]);
  }

  function answer() {
    const { signs, none } = checkedOnPage();
    if (signs.length === 0 && !none) return showError("choose");
    if (signs.length > 0 && none) return showError("none-and-sign");
    remember();
    const assessment = assess(ruleSet, allTicks());
    // Ticks that already match an emergency rule go straight to the emergency result.
    const last = shown + 1 >= pages.length;
    go(assessment.level === ruleSet.levels[0].code || last ? RESULT : shown + 1);
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
  // "Change your answers" on the result goes back to the first page with every tick in place.
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
