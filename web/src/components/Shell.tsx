/** Header (classification, navigation, language, user), main area and the attribution footer. */
import type { ComponentChildren } from 'preact';
import { api, setCsrf } from '../lib/api.ts';
import { setLang, t, useLang } from '../lib/i18n.ts';
import { onLinkClick } from '../lib/router.ts';
import { onScreen, session, useObservable } from '../lib/store.ts';
import { AlertNotice } from './AlertNotice.tsx';

function NavLink(props: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <a
      href={props.href}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => onLinkClick(e, props.href)}
    >
      {props.children}
    </a>
  );
}

export function Shell(props: { path: string; children: ComponentChildren }) {
  const lang = useLang();
  const current = useObservable(session);
  const classification = useObservable(onScreen);
  const user = current?.user ?? null;
  const signOut = async () => {
    try {
      await api.delete('/api/session');
    } finally {
      setCsrf(null);
      session.set(null);
    }
  };
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div
          class={`classification c-${classification}`}
          role="status"
          aria-label={t('classification.label')}
        >
          {t(`classification.${classification}`)}
        </div>
        <div class="bar">
          <a class="brand" href="/" onClick={(e) => onLinkClick(e, '/')}>
            Liptako
          </a>
          {user !== null && (
            <nav aria-label="Navigation">
              <NavLink href="/" current={props.path === '/' || props.path === '/map'}>
                {t('nav.map')}
              </NavLink>
              {(user.role === 'analyst' || user.role === 'admin') && (
                <NavLink href="/triage" current={props.path === '/triage'}>
                  {t('nav.triage')}
                </NavLink>
              )}
              <NavLink href="/charter" current={props.path === '/charter'}>
                {t('nav.charter')}
              </NavLink>
              <NavLink href="/assistance" current={props.path.startsWith('/assistance')}>
                {t('nav.assistance')}
              </NavLink>
              <NavLink href="/surges" current={props.path === '/surges'}>
                {t('nav.surges')}
              </NavLink>
              <NavLink href="/alerts" current={props.path === '/alerts'}>
                {t('nav.alerts')}
              </NavLink>
              {user.role !== 'observer' && (
                <NavLink href="/report" current={props.path === '/report'}>
                  {t('nav.report')}
                </NavLink>
              )}
            </nav>
          )}
          <div class="spacer" />
          <button
            type="button"
            class="lang"
            lang={lang === 'fr' ? 'en' : 'fr'}
            aria-label={t('lang.switch.label')}
            onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
          >
            {t('lang.switch')}
          </button>
          {user !== null && (
            <span class="user">
              {user.name} · {user.role}
              {user.party === null ? '' : ` · ${user.party}`}
              <button type="button" onClick={() => void signOut()}>
                {t('nav.signout')}
              </button>
            </span>
          )}
        </div>
      </header>
      {/* Always there, so that the shell's grid keeps its rows: header, notices, main, footer. */}
      <div class="notice-slot">{user !== null && <AlertNotice />}</div>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="attribution">
        <small>
          {t('footer.attribution')} · {t('footer.demo')}
        </small>
      </footer>
    </div>
  );
}
