// Starts each enhancement whose markup is on the page. Every module enhances HTML that already
// works without JavaScript; a missing module or element is not an error.
const enhancements = {
  "triage-form": () => import("../triage/triage-form.mjs"),
  "quick-exit": () => import("./quick-exit.mjs"),
  "forget-me": () => import("./forget-me.mjs"),
  print: () => import("./print-button.mjs"),
};

for (const [name, load] of Object.entries(enhancements)) {
  const elements = document.querySelectorAll(`[data-module="${name}"]`);
  if (elements.length > 0) {
    load()
      .then((module) => elements.forEach((element) => module.start(element)))
      .catch(() => {});
  }
}
