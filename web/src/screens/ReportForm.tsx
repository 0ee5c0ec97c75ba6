/** The field report form: works on a phone and offline; reports wait in the outbox until sent. */
import { useState } from 'preact/hooks';
import { isoDay } from '../lib/filters.ts';
import { formatDateTime, lang, t, useLang } from '../lib/i18n.ts';
import { discard, enqueue, flush, outbox, retry } from '../lib/outbox.ts';
import { session, useObservable } from '../lib/store.ts';
import { useEffect } from 'preact/hooks';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function ReportForm() {
  useLang();
  const user = useObservable(session)?.user ?? null;
  const waiting = useObservable(outbox);
  const online = useOnline();
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [position, setPosition] = useState<{ lat: number; lon: number } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const classification = text('classification') as 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL';
    try {
      await enqueue({
        kind: 'field',
        source: text('source'),
        text: text('text'),
        published: text('published') === '' ? null : text('published'),
        place_text: text('place_text') === '' ? null : text('place_text'),
        latitude: position?.lat ?? null,
        longitude: position?.lon ?? null,
        classification,
        owner_party: classification === 'NATIONAL' ? (user?.party ?? null) : null,
        language: lang(),
      });
      formElement.reset();
      setPosition(null);
      setProblem(null);
      setNotice(t('report.queued'));
      const result = await flush();
      const last = result.sent[result.sent.length - 1];
      if (last !== undefined) setNotice(t('report.sent', { id: last.report_id }));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) =>
        setPosition({
          lat: Number(p.coords.latitude.toFixed(5)),
          lon: Number(p.coords.longitude.toFixed(5)),
        }),
      (e) => setProblem(e.message),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  return (
    <section class="report" aria-labelledby="report-title">
      <h1 id="report-title">{t('report.title')}</h1>
      <p>
        <span class={online ? 'online' : 'offline'} role="status">
          {online ? t('report.online') : t('report.offline')}
        </span>{' '}
        {t('report.intro')}
      </p>
      <form onSubmit={(e) => void submit(e)} class="report-form">
        <label>
          {t('report.source')}
          <input name="source" required maxLength={300} defaultValue={user?.name ?? ''} />
        </label>
        <label>
          {t('report.text')}
          <textarea name="text" required rows={8} maxLength={200_000} />
        </label>
        <label>
          {t('report.place')}
          <input name="place_text" maxLength={500} />
        </label>
        <button type="button" onClick={locate}>
          {t('report.locate')}
        </button>
        {position !== null && (
          <span>
            {' '}
            {position.lat}, {position.lon}
          </span>
        )}
        <label>
          {t('report.date')}
          <input name="published" type="date" max={isoDay(new Date())} defaultValue={isoDay(new Date())} />
        </label>
        <label>
          {t('report.classification')}
          <select name="classification">
            <option value="AES_RESTRICTED" selected>
              {t('classification.AES_RESTRICTED')}
            </option>
            <option value="PUBLIC">{t('classification.PUBLIC')}</option>
            {user?.party !== null && user?.party !== undefined && (
              <option value="NATIONAL">
                {t('classification.NATIONAL')} ({user.party})
              </option>
            )}
          </select>
        </label>
        <button type="submit" class="primary">
          {t('report.submit')}
        </button>
      </form>
      {notice !== null && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      {problem !== null && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <h2>
        {waiting.length === 0 ? t('report.outbox.empty') : t('report.outbox', { count: waiting.length })}
      </h2>
      <ul class="outbox">
        {waiting.map((item) => (
          <li key={item.client_ref} data-client-ref={item.client_ref}>
            <span>
              {formatDateTime(item.created_at)} — {item.report.text.slice(0, 80)}
            </span>
            {item.refused !== null && (
              <span class="error"> {t('report.failed', { message: item.refused })}</span>
            )}
            <button
              type="button"
              onClick={() =>
                void (item.refused === null ? flush() : retry(item.client_ref).then(() => flush()))
              }
            >
              {t('report.retry')}
            </button>
            <button type="button" onClick={() => void discard(item.client_ref)}>
              {t('report.discard')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
