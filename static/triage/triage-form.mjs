// Enhances the symptom check's first page: the questions are walked on the phone and the result
// is shown from the page's <template>s, using the published rule set and engine.mjs. Answers
// never leave the phone: after the rule set is fetched, nothing is requested. If the rule set
// cannot be fetched, or is not the version the page was built from, the plain form (which posts
// to the server) is left exactly as it is.
import { assess } from "./engine.mjs";

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
    Array.isArray(ruleSet.findings) &&
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

function fillResult(fragment, ruleSet, assessment, answers) {
  const said = fragment.querySelector("[data-result-said]");
  const nothing = fragment.querySelector("[data-result-nothing]");
  if (assessment.reasons.length > 0) {
    const list = said.querySelector("[data-result-reasons]");
    for (const reason of assessment.reasons) {
      const item = document.createElement("li");
      item.textContent = reason.text;
      list.append(item);
    }
    said.hidden = false;
    nothing.remove();
  } else {
    said.remove();
    nothing.hidden = false;
  }

  const box = fragment.querySelector("[data-result-sources-box]");
  const byCode = new Map(ruleSet.findings.map((finding) => [finding.code, finding]));
  const sources = [
    ...new Set(assessment.reasons.flatMap((reason) => byCode.get(reason.code).sources)),
  ];
  if (sources.length > 0) {
    const list = box.querySelector("[data-result-sources]");
    for (const source of sources) {
      const item = document.createElement("li");
      item.textContent = source;
      list.append(item);
    }
    box.hidden = false;
  } else {
    box.remove();
  }

  // Keep the services that fit: shown on this level, or for one of the answers given.
  for (const service of fragment.querySelectorAll("[data-result-services] > li")) {
    const levels = service.dataset.serviceLevels.split(" ").filter(Boolean);
    const findings = service.dataset.serviceFindings.split(" ").filter(Boolean);
    if (!levels.includes(assessment.level) && !findings.some((code) => answers.has(code))) {
      service.remove();
    }
  }
}

function enhance(root, ruleSet) {
  const stage = root.querySelector("[data-triage-stage]");
  const form = stage && stage.querySelector("[data-triage-form]");
  const slot = form && form.querySelector("[data-triage-fieldset]");
  const groups = [...root.querySelectorAll("template[data-triage-group]")].map((template) =>
    template.getAttribute("data-triage-group"),
  );
  if (!slot || groups.length === 0) return;

  const answers = new Set();
  let step = 0;

  function clearError() {
    for (const summary of form.querySelectorAll("[data-error-summary]")) summary.remove();
  }

  function showError() {
    clearError();
    const template = root.querySelector("template[data-triage-error]");
    const first = slot.querySelector("input[type=checkbox]");
    if (!template || !first) return;
    const summary = template.content.firstElementChild.cloneNode(true);
    summary.removeAttribute("autofocus");
    const link = summary.querySelector("a");
    if (link) link.href = `#${first.id}`;
    form.prepend(summary);
    summary.focus();
  }

  function showGroup(code) {
    const template = templateFor(root, "data-triage-group", code);
    slot.replaceChildren(template.content.cloneNode(true));
    form.action = template.dataset.action;
    window.scrollTo(0, 0);
    const heading = slot.querySelector("h1");
    if (heading) heading.focus({ preventScroll: true });
  }

  function showResult(assessment) {
    const template = templateFor(root, "data-triage-result", assessment.level);
    const fragment = template.content.cloneNode(true);
    fillResult(fragment, ruleSet, assessment, answers);
    stage.replaceChildren(fragment);
    if (root.dataset.resultTitle) document.title = root.dataset.resultTitle;
    window.scrollTo(0, 0);
    const heading = stage.querySelector("h1");
    if (heading) heading.focus({ preventScroll: true });
  }

  form.addEventListener("change", keepExclusive);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const checked = [...slot.querySelectorAll("input[type=checkbox]:checked")];
    const chosen = checked.filter((input) => input.name === "findings").map((input) => input.value);
    if (checked.length === 0) {
      showError();
      return;
    }
    clearError();
    for (const code of chosen) answers.add(code);
    try {
      const assessment = assess(ruleSet, answers);
      step += 1;
      // An emergency answer goes straight to the emergency result, without further questions.
      if (assessment.level === ruleSet.levels[0].code || step >= groups.length) {
        showResult(assessment);
      } else {
        showGroup(groups[step]);
      }
    } catch {
      // Never leave a person stuck: hand every answer so far to the server, as without JavaScript.
      for (const code of answers) {
        const hidden = document.createElement("input");
        Object.assign(hidden, { type: "hidden", name: "findings", value: code });
        form.append(hidden);
      }
      form.submit();
    }
  });
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
