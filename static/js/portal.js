// Small enhancements of the portal's pages for phones and keyboards. Every page works without
// them: with JavaScript off, filter panels simply stay open. Loaded as an ES module from a file
// (no inline script), so a strict Content-Security-Policy allows it.

// Below GOV.UK Frontend's tablet breakpoint (641px).
const SMALL_SCREEN = window.matchMedia("(max-width: 40.0525em)");
const SKIP_TARGET = "#main-content";

// The skip link moves to #main-content. Left in the address, that fragment is inherited by the
// form posted from the page and by the page a sign-in redirects to, and the browser's jump to it
// takes focus away from the error summary or the success banner.
function dropSkipFragment() {
  if (window.location.hash === SKIP_TARGET) {
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
}

// GOV.UK Frontend focuses the error summary, or a success banner (role="alert"), when the page
// loads; make sure nothing took focus back to the body before that.
function focusWhatChanged() {
  const target = document.querySelector(".govuk-error-summary, .govuk-notification-banner[role='alert']");
  if (!target || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }
  if (!target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
}

// On a small screen a filter panel folds away behind a "Filter" button.
function collapsibleFilter(panel, index) {
  if (!panel.id) {
    panel.id = `app-filter-${index + 1}`;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary app-filter-toggle";
  button.textContent = "Filter";
  button.setAttribute("aria-controls", panel.id);
  panel.before(button);

  const show = (open) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  };
  const fit = () => {
    button.hidden = !SMALL_SCREEN.matches;
    show(!SMALL_SCREEN.matches);
  };
  button.addEventListener("click", () => show(panel.hidden));
  SMALL_SCREEN.addEventListener("change", fit);
  fit();
}

// A page waiting for work done in the background (a report's PDF, a spreadsheet being checked) asks
// again by itself every few seconds, and says so; without JavaScript its link checks again. Not a
// <meta http-equiv="refresh">: that reloads the page with no way to stop it (WCAG 2.2.1).
function refreshWhileWaiting() {
  const waiting = document.querySelector("[data-app-refresh]");
  if (!waiting) {
    return;
  }
  waiting.hidden = false;
  const seconds = Number(waiting.dataset.appRefresh) || 3;
  const next = waiting.dataset.appRefreshUrl;
  window.setTimeout(() => (next ? window.location.replace(next) : window.location.reload()), seconds * 1000);
}

dropSkipFragment();
refreshWhileWaiting();
window.addEventListener("hashchange", dropSkipFragment);
document.querySelectorAll(".app-filter-panel, form.app-filter-row:not(.app-filter-panel form)").forEach(collapsibleFilter);
window.setTimeout(focusWhatChanged, 0);
