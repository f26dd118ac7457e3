/**
 * Hash routing (`#/report/12`): the server serves one index.html at `/`, so no server-side route table is
 * needed and a reload keeps the page. Parsing and building are pure so they are tested without a browser.
 */

export type Route =
  | { readonly page: 'overview'; readonly model?: string }
  | { readonly page: 'report'; readonly id?: string; readonly model?: string }
  | { readonly page: 'analyze' }
  | { readonly page: 'approvals' }
  | { readonly page: 'models'; readonly model?: string }
  | { readonly page: 'jobs' };

export type PageName = Route['page'];

const dec = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : decodeURIComponent(s));

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((p) => p !== '');
  const q = new URLSearchParams(search);
  const model = dec(q.get('model') ?? undefined);
  switch (parts[0]) {
    case 'report': {
      const id = dec(parts[1]);
      return { page: 'report', ...(id !== undefined ? { id } : {}), ...(model !== undefined ? { model } : {}) };
    }
    case 'analyze':
      return { page: 'analyze' };
    case 'approvals':
      return { page: 'approvals' };
    case 'models': {
      const name = dec(parts[1]);
      return name !== undefined ? { page: 'models', model: name } : { page: 'models' };
    }
    case 'jobs':
      return { page: 'jobs' };
    default:
      return model !== undefined ? { page: 'overview', model } : { page: 'overview' };
  }
}

export function href(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.page) {
    case 'overview':
      return route.model !== undefined ? `#/overview?model=${enc(route.model)}` : '#/overview';
    case 'report': {
      const base = route.id !== undefined ? `#/report/${enc(route.id)}` : '#/report';
      return route.model !== undefined ? `${base}?model=${enc(route.model)}` : base;
    }
    case 'models':
      return route.model !== undefined ? `#/models/${enc(route.model)}` : '#/models';
    default:
      return `#/${route.page}`;
  }
}
