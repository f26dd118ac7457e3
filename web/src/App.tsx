/**
 * The shell: who is signed in (GET /v1/me; a 401 means keys are required, so ask for one), the navigation,
 * and the current page, each loaded on demand (React.lazy) so the overview does not load the report explorer.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, apiKey, UNAUTHORIZED_EVENT } from './api/client.ts';
import { api } from './api/endpoints.ts';
import type { Me } from './api/types.ts';
import { ErrorNote, Loading } from './components/ui.tsx';
import { SignIn } from './components/SignIn.tsx';
import { useRoute } from './lib/hooks.ts';
import { href, parseRoute, type PageName, type Route } from './lib/route.ts';
import { canOperate, SessionContext } from './lib/session.tsx';

type Pages = {
  overview: typeof import('./pages/Overview.tsx').default;
  report: typeof import('./pages/ReportPage.tsx').default;
  analyze: typeof import('./pages/Analyze.tsx').default;
  approvals: typeof import('./pages/Approvals.tsx').default;
  models: typeof import('./pages/Models.tsx').default;
  jobs: typeof import('./pages/Jobs.tsx').default;
};
const loaders: { readonly [P in PageName]: () => Promise<{ default: Pages[P] }> } = {
  overview: () => import('./pages/Overview.tsx'),
  report: () => import('./pages/ReportPage.tsx'),
  analyze: () => import('./pages/Analyze.tsx'),
  approvals: () => import('./pages/Approvals.tsx'),
  models: () => import('./pages/Models.tsx'),
  jobs: () => import('./pages/Jobs.tsx'),
};

/**
 * Pages whose code has arrived. They render directly: React.lazy would still suspend once, and React holds a
 * revealed Suspense boundary back ~300 ms, which is most of the overview's first-load budget.
 */
const loaded: { [P in PageName]?: Pages[P] } = {};
function load<P extends PageName>(page: P): Promise<{ default: Pages[P] }> {
  return loaders[page]().then((m) => {
    (loaded as Record<P, Pages[P]>)[page] = m.default;
    return m;
  });
}
const Overview = lazy(() => load('overview'));
const ReportPage = lazy(() => load('report'));
const Analyze = lazy(() => load('analyze'));
const Approvals = lazy(() => load('approvals'));
const Models = lazy(() => load('models'));
const Jobs = lazy(() => load('jobs'));

let firstPage: Promise<unknown> = Promise.resolve();

/** The first page's code loads while GET /v1/me is under way, not after it. */
export function prefetchPage(hash: string): void {
  firstPage = load(parseRoute(hash).page).catch(() => {});
}

const NAV: readonly { readonly page: PageName; readonly label: string }[] = [
  { page: 'overview', label: 'Overview' },
  { page: 'report', label: 'Drift report' },
  { page: 'analyze', label: 'Analyze' },
  { page: 'approvals', label: 'Approvals' },
  { page: 'models', label: 'Models' },
  { page: 'jobs', label: 'Jobs & audit' },
];

type Auth = { readonly state: 'loading' } | { readonly state: 'signed-in'; readonly me: Me } | { readonly state: 'needs-key'; readonly error?: unknown } | { readonly state: 'error'; readonly error: unknown };

function Page({ route }: { readonly route: Route }) {
  switch (route.page) {
    case 'overview': {
      const C = loaded.overview ?? Overview;
      return <C model={route.model} />;
    }
    case 'report': {
      const C = loaded.report ?? ReportPage;
      return <C id={route.id} model={route.model} />;
    }
    case 'analyze': {
      const C = loaded.analyze ?? Analyze;
      return <C />;
    }
    case 'approvals': {
      const C = loaded.approvals ?? Approvals;
      return <C />;
    }
    case 'models': {
      const C = loaded.models ?? Models;
      return <C model={route.model} />;
    }
    case 'jobs': {
      const C = loaded.jobs ?? Jobs;
      return <C />;
    }
  }
}

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });

  const identify = useCallback(async (): Promise<void> => {
    try {
      // Render the signed-in shell once the first page's code is there too, so it renders without suspending.
      const [me] = await Promise.all([api.me(), firstPage]);
      setAuth({ state: 'signed-in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        const hadKey = apiKey.get() !== null;
        apiKey.set(null);
        setAuth(hadKey ? { state: 'needs-key', error: e } : { state: 'needs-key' });
      } else setAuth({ state: 'error', error: e });
    }
  }, []);

  useEffect(() => {
    void identify();
    const again = (): void => void identify();
    window.addEventListener(UNAUTHORIZED_EVENT, again);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, again);
  }, [identify]);

  const signOut = useCallback(() => {
    apiKey.set(null);
    void identify();
  }, [identify]);

  if (auth.state === 'loading') return <main className="page"><Loading what="Driftwatch" /></main>;
  if (auth.state === 'needs-key') return <SignIn error={auth.error} onKey={(key) => { apiKey.set(key); void identify(); }} />;
  if (auth.state === 'error') {
    return (
      <main className="page">
        <h1>Driftwatch</h1>
        <ErrorNote error={auth.error} prefix="The server did not answer:" />
        <button type="button" className="btn btn-primary" onClick={() => void identify()}>Try again</button>
      </main>
    );
  }
  const { me } = auth;
  return (
    <SessionContext.Provider value={{ me, canOperate: canOperate(me), signOut }}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <a className="brand" href={href({ page: 'overview' })}>Driftwatch</a>
        <nav aria-label="Pages">
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={href({ page: n.page } as Route)} aria-current={route.page === n.page ? 'page' : undefined}>{n.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who" data-testid="who">
          <span>{me.name} · <span className={`role role-${me.role}`}>{me.role}</span></span>
          {!me.keyless ? <button type="button" className="btn btn-plain btn-small" onClick={signOut}>Sign out</button> : null}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading what="page" />}>
          <Page route={route} />
        </Suspense>
      </main>
    </SessionContext.Provider>
  );
}
