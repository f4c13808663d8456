// Quick exit's landing screen: go on to the neutral destination, replacing this history entry.
// Offline (or where the destination could never load) stay here: a plain, harmless screen.
const destination = document.documentElement.dataset.exitTo;

if (destination && navigator.onLine !== false) {
  window.location.replace(destination);
} else {
  const note = document.querySelector("[data-offline-note]");
  if (note) {
    note.hidden = false;
  }
}
