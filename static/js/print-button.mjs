// Shows the "Print or save this page" button, which needs JavaScript; without it, the
// browser's own menu prints the page with the same print styles.
export function start(element) {
  const button = element.querySelector("button");
  if (!button || typeof window.print !== "function") return;
  button.addEventListener("click", () => window.print());
  element.hidden = false;
}
