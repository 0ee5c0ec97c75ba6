/** Sign in with a user name and password, or with an API token; both open a cookie session. */
import { useState } from 'preact/hooks';
import { api, ApiError, setCsrf, type Session } from '../lib/api.ts';
import { errorMessage } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import { session } from '../lib/store.ts';

export function SignIn() {
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body =
      mode === 'password'
        ? { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') }
        : { token: String(form.get('token') ?? '').trim() };
    setBusy(true);
    setError(null);
    try {
      const opened = await api.post<Session>('/api/session', body);
      setCsrf(opened.csrf);
      session.set(opened);
    } catch (e) {
      setError(
        t('signin.failed', {
          message:
            e instanceof ApiError && e.status === 401 && e.code !== 'invalid_credentials'
              ? e.message
              : errorMessage(e),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      <div role="tablist" class="tabs">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'password'}
          onClick={() => setMode('password')}
        >
          {t('signin.with.password')}
        </button>
        <button type="button" role="tab" aria-selected={mode === 'token'} onClick={() => setMode('token')}>
          {t('signin.with.token')}
        </button>
      </div>
      <form onSubmit={(e) => void submit(e)}>
        {mode === 'password' ? (
          <>
            <label>
              {t('signin.username')}
              <input name="username" autoComplete="username" required />
            </label>
            <label>
              {t('signin.password')}
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            {t('signin.token')}
            <input name="token" type="password" autoComplete="off" required />
          </label>
        )}
        <button type="submit" disabled={busy}>
          {t('signin.submit')}
        </button>
        {error !== null && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
