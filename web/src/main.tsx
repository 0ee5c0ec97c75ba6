/** The situation room: session, routes, language; the service worker keeps it usable offline. */
import 'leaflet/dist/leaflet.css';
import './app.css';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { Shell } from './components/Shell.tsx';
import { api, ApiError, setCsrf, whenUnauthorised, type Session } from './lib/api.ts';
import { lang, t, useLang } from './lib/i18n.ts';
import { startOutbox } from './lib/outbox.ts';
import { loadTaxonomy } from './lib/reference.ts';
import { useRoute } from './lib/router.ts';
import { session, useObservable } from './lib/store.ts';
import { AssistanceBoard } from './screens/AssistanceBoard.tsx';
import { AssistanceRequest } from './screens/AssistanceRequest.tsx';
import { AssistanceRequestForm } from './screens/AssistanceRequestForm.tsx';
import { AssistanceScorecards } from './screens/AssistanceScorecards.tsx';
import { startAlertStream, stopAlertStream } from './lib/alert-stream.ts';
import { Alerts } from './screens/Alerts.tsx';
import { CharterBoard } from './screens/CharterBoard.tsx';
import { IncidentDetail } from './screens/IncidentDetail.tsx';
import { MapScreen } from './screens/MapScreen.tsx';
import { ReportForm } from './screens/ReportForm.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Surges } from './screens/Surges.tsx';
import { Triage } from './screens/Triage.tsx';

const KNOWN_USER = 'liptako.user';

/** Ask the server who we are; offline, remember who was signed in so the report form still works. */
async function resumeSession(): Promise<void> {
  try {
    const current = await api.get<Session>('/api/session');
    setCsrf(current.csrf);
    localStorage.setItem(KNOWN_USER, JSON.stringify(current.user));
    session.set(current);
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) {
      const known = localStorage.getItem(KNOWN_USER);
      session.set(known === null ? null : { user: JSON.parse(known) as Session['user'], csrf: '' });
      window.addEventListener('online', () => void resumeSession(), { once: true });
      return;
    }
    localStorage.removeItem(KNOWN_USER);
    session.set(null);
  }
}

whenUnauthorised(() => {
  setCsrf(null);
  localStorage.removeItem(KNOWN_USER);
  session.set(null);
});

function App() {
  useLang();
  const route = useRoute();
  const current = useObservable(session);
  useEffect(() => {
    document.title = t('app.title');
  });
  useEffect(() => {
    if (current !== null && current !== undefined) {
      localStorage.setItem(KNOWN_USER, JSON.stringify(current.user));
      void loadTaxonomy().catch(() => undefined);
      // Online sessions only: the offline fallback has no cookie to stream with.
      if (current.csrf !== '') startAlertStream();
    } else stopAlertStream();
  }, [current]);
  if (current === undefined) return <Shell path={route.path}>{t('loading')}</Shell>;
  if (current === null)
    return (
      <Shell path={route.path}>
        <SignIn />
      </Shell>
    );
  const detail = /^\/incidents\/(\d{1,12})$/.exec(route.path);
  const assistance = /^\/assistance\/(\d{1,12})$/.exec(route.path);
  let screen;
  if (assistance !== null) screen = <AssistanceRequest id={Number(assistance[1])} />;
  else if (route.path === '/assistance') screen = <AssistanceBoard route={route} />;
  else if (route.path === '/assistance/new') screen = <AssistanceRequestForm route={route} />;
  else if (route.path === '/assistance/scorecards') screen = <AssistanceScorecards />;
  else if (detail !== null) screen = <IncidentDetail id={Number(detail[1])} route={route} />;
  else if (route.path === '/triage') screen = <Triage />;
  else if (route.path === '/report') screen = <ReportForm />;
  else if (route.path === '/charter') screen = <CharterBoard />;
  else if (route.path === '/surges') screen = <Surges route={route} />;
  else if (route.path === '/alerts') screen = <Alerts />;
  else screen = <MapScreen route={route} />;
  return <Shell path={route.path}>{screen}</Shell>;
}

document.documentElement.lang = lang();
void resumeSession();
startOutbox();
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
