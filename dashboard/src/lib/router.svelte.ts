/** A small history router: the current path and query as reactive state, links handled in place. */
class Router {
  path = $state(location.pathname);
  search = $state(location.search);

  constructor() {
    addEventListener("popstate", () => this.sync());
    // Same-origin <a href="/…"> clicks navigate without a page load (modifier keys keep the browser's way).
    document.addEventListener("click", (event) => {
      const a = (event.target as Element | null)?.closest?.("a");
      if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (a.target || a.hasAttribute("download") || a.origin !== location.origin || a.pathname.startsWith("/export/")) return;
      event.preventDefault();
      this.go(a.pathname + a.search);
    });
  }

  private sync() {
    this.path = location.pathname;
    this.search = location.search;
  }

  /** Navigates to `href`; `replace` swaps the history entry (e.g. filter changes, token removal). */
  go(href: string, replace = false) {
    if (replace) history.replaceState(null, "", href);
    else history.pushState(null, "", href);
    this.sync();
    if (!replace) scrollTo(0, 0);
  }

  get params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  /** `/findings/:id` style match: the named parts, or null. */
  match(pattern: string): Record<string, string> | null {
    const names: string[] = [];
    const re = new RegExp("^" + pattern.replace(/:(\w+)/g, (_, n: string) => (names.push(n), "([^/]+)")) + "/?$");
    const m = re.exec(this.path);
    if (!m) return null;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
  }
}

export const router = new Router();
