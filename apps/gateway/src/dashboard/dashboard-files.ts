import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where `npm run build` put the dashboard (vite → dist/dashboard): beside the compiled gateway in
 * dist/, or under dist/ of the checkout when the gateway runs from source (tests). DASHBOARD_DIR
 * overrides both.
 */
export function dashboardDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.DASHBOARD_DIR, join(__dirname, '../../../../dashboard'), join(__dirname, '../../../../dist/dashboard')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'index.html')));
}

/** The dashboard's two documents, read once; assets are served from disk by name. */
export class DashboardFiles {
  private readonly documents = new Map<string, string>();

  constructor(readonly directory: string | undefined) {}

  /** index.html (every route of the app) or api.html (GraphiQL). */
  document(name: 'index.html' | 'api.html'): string | undefined {
    if (!this.directory) return undefined;
    let html = this.documents.get(name);
    if (html === undefined) {
      html = readFileSync(join(this.directory, name), 'utf8');
      this.documents.set(name, html);
    }
    return html;
  }

  /** The path of a built asset (`assets/<name>`), or undefined for anything that is not one. */
  asset(name: string): string | undefined {
    if (!this.directory || !/^[\w-]+(\.[\w-]+)+$/.test(name)) return undefined;
    const path = join(this.directory, 'assets', name);
    return existsSync(path) ? path : undefined;
  }
}
